// Which language a draft's new text is written in, from CLD2 with the safeguards short
// texts need: a hint (configuration, Content-Language) is passed on, and among CLD2's
// top three the languages with rules are preferred; when none of them has rules and
// CLD2 is unsure, the configured default is used.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace escalint {

struct LanguageGuess {
  std::string language;   // BCP 47; one of `supported` unless the text is clearly another
  double confidence = 0;  // 0..1
  bool reliable = false;  // CLD2's own verdict
  std::string detected;   // CLD2's first choice, before preferring supported languages
};

LanguageGuess identify_language(std::string_view text, const std::set<std::string>& supported,
                                const std::string& hint, const std::string& fallback);

}  // namespace escalint
