// JSON Lines (.jsonl, .ndjson): one ticket or record per line, each read as
// ticket_json_reader reads one object (Zendesk ticket, Jira issue, or a generic
// record through the FieldMapping). Draft::record is the line number; a malformed
// line is an InputError naming its line, and the other lines go on. Blank lines are
// skipped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "input/read_input.h"

namespace escalint {

// Reads JSONL piece by piece, so that an input of any size streams with memory bounded
// by its longest line.
class JsonlReader {
 public:
  // `sink` must outlive the reader; `mapping` is copied.
  JsonlReader(std::string source, const FieldMapping& mapping, const InputSink& sink);

  // Reads `lines`: whole lines, the last one ending in '\n' unless the input ends there.
  void feed(std::string_view lines);
  // Counts a line that was not read because it is longer than the input limit.
  void oversized_line(std::size_t limit);
  // Reports an input without a single record.
  void finish();

 private:
  std::string source_;
  FieldMapping mapping_;
  const InputSink& sink_;
  std::size_t line_no_ = 0;
  std::size_t records_ = 0;
};

// Reads a whole JSONL input at once.
void read_jsonl(const std::string& source, std::string_view bytes, const FieldMapping& mapping,
                const InputSink& sink);

}  // namespace escalint
