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

#include <functional>
#include <string>
#include <string_view>

#include "input/read_input.h"

namespace escalint {

// Calls `fn(number, first_line, bytes)` for each message: its 1-based number, the
// file line of its "From " separator and its bytes without the separator, unescaped.
void for_each_mbox_message(std::string_view bytes,
                           const std::function<void(std::size_t, std::size_t, std::string)>& fn);

// True when the line (without its line end) is a "From " separator; `next` is the line
// after it. The first line of a file needs only to start with "From ".
bool is_mbox_separator(std::string_view line, std::string_view next);

void read_mbox(const std::string& source, std::string_view bytes, const InputSink& sink);

}  // namespace escalint
