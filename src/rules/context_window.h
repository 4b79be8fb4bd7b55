// Tells affirmed evidence from negated or hypothetical evidence, after NegEx/ConText:
// a trigger ("have not", "will", "inte") negates evidence when it stands within a
// window of words before (or, for "after" triggers, after) the evidence, inside the
// same sentence and clause, and is not part of a pseudo-trigger ("not only"). In
// languages written without spaces the window counts the words of ICU's
// dictionary-based word breaker instead of runs of letters.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "rules/rule_pack.h"
#include "text/text_field.h"

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END
namespace re2 {
class RE2;
}

namespace escalint {

class ContextWindow {
 public:
  // `macros` are the language's macros with the configuration's additions. Throws
  // RuleError naming the language file when a trigger pattern does not compile.
  ContextWindow(const LanguageData& language, const std::map<std::string, std::string>& macros);
  ~ContextWindow();

  // If evidence text[evidence] inside text[sentence] is negated or hypothetical,
  // returns true and sets `*trigger` to the trigger's span.
  bool negated(std::string_view text, Span sentence, Span evidence, Span* trigger) const;

  // The first of the language's `not_yet` markers, which make a denial in their
  // sentence firm ("yet", "noch", "まだ"), in text[within]; false when none.
  bool find_not_yet(std::string_view text, Span within, Span* found) const;

 private:
  bool find_trigger(const re2::RE2* triggers, std::string_view text, Span window,
                    Span* found) const;
  // `window` cut to its last (or first) `words` words.
  Span last_words(std::string_view text, Span window, int words) const;
  Span first_words(std::string_view text, Span window, int words) const;

  std::unique_ptr<re2::RE2> before_, after_, pseudo_, not_yet_, boundary_;
  std::unique_ptr<icu::BreakIterator> word_breaker_;  // null in spaced languages
  int window_words_;
  int window_words_after_;
};

}  // namespace escalint
