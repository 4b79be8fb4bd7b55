// MIME messages (.eml) with GMime 3: one message's bytes to one Draft.
//
// What the Draft holds:
//  - subject: the decoded Subject (RFC 2047, also malformed encoded-words and raw 8-bit
//    bytes, which GMime decodes with UTF-8 and then windows-1252 as fallbacks);
//  - body: the text the writer wrote: multipart/alternative prefers a non-empty
//    text/plain part and otherwise converts the HTML part (see html_to_text.h);
//    multipart/mixed joins its inline text parts; multipart/related reads its root;
//    multipart/signed its first part; transfer encodings are undone by GMime and
//    charsets converted by decode_to_utf8 (charset.h), each guess noted;
//  - attachments: every other leaf part (name from RFC 2231 / 2047 parameters, type,
//    decoded size), message/rfc822 parts included; `attachments_known` is true;
//  - language_hint: Content-Language; date: the Date header in ISO 8601;
//  - message_id: the Message-ID (the caller decides whether it becomes Draft::id);
//  - position_prefix: "" when the body is the message's own bytes (one text/plain part,
//    7bit/8bit/binary, UTF-8 or ASCII, no conversion). The body then holds the header
//    bytes blanked to spaces (line ends kept), so lines, columns and byte offsets are
//    the file's own. Otherwise "body": positions are within the decoded text.
// A leading mbox "From " line and a UTF-8 byte-order mark are skipped. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "input/draft.h"

namespace escalint {

struct MimeReadOptions {
  // Whether positions may be the bytes' own (false for a message cut out of an mbox).
  bool own_positions = true;
};

struct MimeMessage {
  Draft draft;
  std::string message_id;
};

// Returns false, with `*error` saying why, when the bytes hold no message with any text
// (no subject and no text body).
bool read_mime_message(const std::string& source, std::string_view bytes,
                       const MimeReadOptions& options, MimeMessage* out, std::string* error);

// True when `bytes` starts like an Internet message: header fields up to a blank line,
// at least two of them, one being a field only mail has (Received, Message-ID,
// MIME-Version, Content-Type, Return-Path, Delivered-To, ...) or both From and Date.
// A leading "From " line and a UTF-8 BOM are allowed.
bool looks_like_mime(std::string_view bytes);

}  // namespace escalint
