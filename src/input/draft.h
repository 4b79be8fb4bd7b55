// A draft as read from its source, before any text preparation: what a reader
// produces and the linter consumes.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace escalint {

struct Attachment {
  std::string name;
  std::string type;
  std::size_t size = 0;
};

struct Draft {
  std::string source;      // the path as given, or "-" for standard input
  std::string id;          // the record's id (Message-ID, ticket id) when a file holds several
  std::size_t record = 0;  // 1-based record number within the source (0: the source is one draft)
  std::string subject;     // empty when the draft has no separate subject
  std::string body;        // the text to check, as bytes (UTF-8 expected; repaired later)
  // Prefix for positions when the body is not the file's own bytes (a decoded MIME
  // part): findings then read `path:<prefix>:line:col`. Empty: lines are the file's.
  // Readers use "body" (a decoded mail part or ticket field, lines counted from its
  // first line) and "text" (the text of an HTML file).
  std::string position_prefix;
  std::string language_hint;  // e.g. a Content-Language header
  std::string date;           // ISO 8601 when known
  std::vector<Attachment> attachments;
  // True when the source can carry attachments and `attachments` lists all of them
  // (MIME mail, mbox, tickets with an attachment list). False for plain text, Markdown,
  // HTML, JSONL and CSV: an empty list then means "unknown", not "none".
  bool attachments_known = false;
  std::vector<std::string> notices;  // what the reader had to repair or guess
  // The record's other fields by name, as text (a CSV column, a JSON record's
  // top-level scalar, a mail header), for grouping (`escalint audit --group-field`).
  // Readers fill what they know; empty when nothing is known.
  std::map<std::string, std::string> fields;
};

// An input that yielded no draft: where and why.
struct InputError {
  std::string source;
  std::size_t record = 0;
  std::string message;
};

}  // namespace escalint
