// A draft as read from its source, before any text preparation: what a reader
// produces and the linter consumes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace escalint {

struct Attachment {
  std::string name;
  std::string type;
  std::size_t size = 0;
};

struct Draft {
  std::string source;  // the path as given, or "-" for standard input
  std::string id;      // the record's id (Message-ID, ticket id) when a file holds several
  std::size_t record = 0;  // 1-based record number within the source (0: the source is one draft)
  std::string subject;     // empty when the draft has no separate subject
  std::string body;        // the text to check, as bytes (UTF-8 expected; repaired later)
  // Prefix for positions when the body is not the file's own bytes (a decoded MIME
  // part): findings then read `path:<prefix>:line:col`. Empty: lines are the file's.
  std::string position_prefix;
  std::string language_hint;  // e.g. a Content-Language header
  std::string date;           // ISO 8601 when known
  std::vector<Attachment> attachments;
  std::vector<std::string> notices;  // what the reader had to repair or guess
};

// An input that yielded no draft: where and why.
struct InputError {
  std::string source;
  std::size_t record = 0;
  std::string message;
};

}  // namespace escalint
