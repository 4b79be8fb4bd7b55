// Ticket JSON (ticket_json_reader.h) read in pieces, so that an export of any size
// streams: the elements of the list of tickets (a top-level array, or the "tickets",
// "issues", "records", "items", "data" or "results" array of the top-level object) are
// parsed one at a time and handed on as soon as each is complete; everything else is
// kept, and read as one ticket at the end when the file holds no such list.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "input/read_input.h"

namespace escalint {

class TicketJsonStream {
 public:
  // `sink` must outlive the stream; `mapping` is copied. A list element larger than
  // `max_item_bytes` is an error record and is not kept.
  TicketJsonStream(std::string source, const FieldMapping& mapping, const InputSink& sink,
                   std::size_t max_item_bytes);
  ~TicketJsonStream();

  // The next bytes of the document. After a syntax error the rest is ignored (the
  // error is reported once, naming the byte offset).
  void feed(std::string_view bytes);
  // The end of the document.
  void finish();

 private:
  struct Handler;
  struct Parser;
  std::unique_ptr<Parser> parser_;
  bool failed_ = false;
  std::size_t offset_ = 0;
};

}  // namespace escalint
