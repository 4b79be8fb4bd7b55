// Which language a draft's new text is written in, from CLD2 with the safeguards short
// texts need: a hint (configuration, Content-Language) is passed on, and among CLD2's
// top three the languages with rules are preferred; when none of them has rules and
// CLD2 is unsure, the configured default is used. Other supported languages among the
// top three with a real share of the text are listed for mixed drafts.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "text/text_field.h"

namespace escalint {

// A stretch of the identified text in one language (BCP 47; empty when CLD2 could not
// tell, e.g. a stretch too short).
struct LanguageSpan {
  std::size_t begin = 0, end = 0;  // byte offsets into the identified text
  std::string language;
};

struct LanguageGuess {
  std::string language;   // BCP 47; one of `supported` unless the text is clearly another
  double confidence = 0;  // 0..1
  bool reliable = false;  // CLD2's own verdict
  std::string detected;   // CLD2's first choice, before preferring supported languages
  // Other supported languages holding at least kMixedShare of the text, largest first:
  // a mixed draft is checked with their rules too.
  std::vector<std::string> also;
  // Every supported language among CLD2's top three, whatever its share: the languages
  // whose quote and signature markers are worth trying.
  std::vector<std::string> candidates;
  // CLD2's stretches of the text, in order (from identify_language).
  std::vector<LanguageSpan> spans;
};

// The share of a draft's text a second language must hold to be checked as well.
constexpr int kMixedSharePercent = 20;

LanguageGuess identify_language(std::string_view text, const std::set<std::string>& supported,
                                const std::string& hint, const std::string& fallback);

// The language of some byte ranges of a text `whole` was identified on, from the shares
// of `whole.spans` in them, with identify_language's preferences; nullopt when CLD2
// could tell the language of none of those bytes (then identify them on their own).
std::optional<LanguageGuess> language_of_ranges(const LanguageGuess& whole,
                                                const std::vector<Span>& ranges,
                                                const std::set<std::string>& supported,
                                                const std::string& hint,
                                                const std::string& fallback);

}  // namespace escalint
