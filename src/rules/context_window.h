// Tells affirmed evidence from negated or hypothetical evidence, after NegEx/ConText:
// a trigger ("have not", "will", "inte") negates evidence when it stands within a
// window of words before (or, for "after" triggers, after) the evidence, inside the
// same sentence and clause, and is not part of a pseudo-trigger ("not only").
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "rules/rule_pack.h"
#include "text/text_field.h"

namespace re2 {
class RE2;
}

namespace escalint {

class ContextWindow {
 public:
  // Throws RuleError naming `source_file` when a trigger pattern does not compile.
  ContextWindow(const NegationVocabulary& vocabulary,
                const std::map<std::string, std::string>& macros, const std::string& source_file);
  ~ContextWindow();

  // If evidence text[evidence] inside text[sentence] is negated or hypothetical,
  // returns true and sets `*trigger` to the trigger's span.
  bool negated(std::string_view text, Span sentence, Span evidence, Span* trigger) const;

 private:
  bool find_trigger(const re2::RE2* triggers, std::string_view text, Span window,
                    Span* found) const;

  std::unique_ptr<re2::RE2> before_, after_, pseudo_, boundary_;
  int window_words_;
  int window_words_after_;
};

}  // namespace escalint
