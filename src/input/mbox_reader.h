// mbox archives (mboxo and mboxrd): one Draft per message.
//
// A message starts at a "From " separator line: the first line of the file, or a later
// "From " line that is followed by a header field and names a sender (an address with
// '@', "-", MAILER-DAEMON) or carries a date (a weekday or an hh:mm time). So the body
// line "From Russia with love" of an unescaped (mboxo) archive does not split its
// message. Inside a message, ">From " lines lose one '>' (mboxrd: any number of '>').
// Each message is read by read_mime_message with positions relative to its body
// (position_prefix "body"); Draft::record is the message's number (1-based) and
// Draft::id its Message-ID, or "message N" without one.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "input/read_input.h"

namespace escalint {

// Splits an archive fed in pieces of any size into messages: calls `fn(number,
// first_line, bytes)` for each, with its 1-based number, the file line of its "From "
// separator and its bytes without the separator, unescaped; bytes are nullopt for a
// message longer than `max_message_bytes` (not kept, so memory stays bounded).
class MboxSplitter {
 public:
  using Fn = std::function<void(std::size_t, std::size_t, std::optional<std::string>)>;
  explicit MboxSplitter(Fn fn, std::size_t max_message_bytes = SIZE_MAX);
  void feed(std::string_view bytes);
  void finish();  // the end of the archive: the last message

 private:
  void line(std::string_view line, std::string_view next);
  void emit();

  Fn fn_;
  std::size_t max_;
  std::string pending_;  // lines not yet read: a line is read once the next is complete
  std::string current_;  // the message so far
  std::size_t number_ = 0, first_line_ = 0, line_no_ = 0;
  bool in_message_ = false, oversized_ = false, started_ = false;
};

// The whole archive at once.
void for_each_mbox_message(std::string_view bytes,
                           const std::function<void(std::size_t, std::size_t, std::string)>& fn);

// Drafts (or error records) from an archive fed in pieces of any size.
class MboxReader {
 public:
  // `sink` must outlive the reader.
  MboxReader(std::string source, const InputSink& sink, std::size_t max_message_bytes = SIZE_MAX);
  void feed(std::string_view bytes) { splitter_.feed(bytes); }
  void finish();  // also reports an archive without a single message

 private:
  void read_message(std::size_t number, std::size_t line, std::optional<std::string> message);

  std::string source_;
  const InputSink& sink_;
  std::size_t max_;
  std::size_t count_ = 0;
  MboxSplitter splitter_;
};

// True when the line (without its line end) is a "From " separator; `next` is the line
// after it. The first line of a file needs only to start with "From ".
bool is_mbox_separator(std::string_view line, std::string_view next);

void read_mbox(const std::string& source, std::string_view bytes, const InputSink& sink);

}  // namespace escalint
