// What checking one draft produces: findings, the checklist and the readiness score.
// Renderers read only this.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "input/draft.h"
#include "rules/rule_pack.h"
#include "text/text_field.h"

namespace escalint {

struct Location {
  std::string field;            // "subject" or "body"
  std::string position_prefix;  // see Draft::position_prefix; "subject" for the subject field
  Position position;
  std::string line_text;  // the first line of the span, for carets
};

struct Finding {
  std::string rule;
  Level level = Level::kWarning;
  std::string status;                // missing, denied, too-few, present ...
  std::string message;               // what is missing or wrong
  std::string why;                   // one line from the guidance
  std::string hint;                  // what to write instead
  std::optional<Location> location;  // only for findings about something present
};

// A span a rule took as evidence (reported with LintOptions::explain).
struct Evidence {
  std::string rule;
  Location location;
  std::string text;
};

struct CheckItem {
  std::string id;     // scope, partner, examples, product
  std::string label;  // in the message language
  bool ok = false;
};

struct DraftResult {
  std::string source;
  std::string id;
  std::size_t record = 0;
  std::string subject;
  std::string language;  // the language whose rules ran (BCP 47)
  // Every language whose rules ran: `language` first, then the others a mixed draft
  // holds a real share of.
  std::vector<std::string> languages;
  double language_confidence = 0;
  std::string detected_language;  // the identifier's own first choice
  bool language_supported = true;
  std::string message_language;
  std::vector<Attachment> attachments;
  std::vector<std::string> notices;
  std::vector<Finding> findings;
  std::vector<Evidence> evidence;
  std::vector<CheckItem> checklist;
  int score = 0;  // 0..100

  // The highest level among the findings, if any.
  std::optional<Level> worst_level() const;
};

}  // namespace escalint
