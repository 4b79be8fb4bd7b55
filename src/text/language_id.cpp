#include "text/language_id.h"

// CLD2's header uses FILE without including <cstdio>.
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <algorithm>
#include <cstdio>

namespace escalint {

namespace {
// CLD2's codes to BCP 47 where they differ.
std::string to_bcp47(CLD2::Language lang) {
  const std::string code = CLD2::LanguageCode(lang);
  if (code == "zh") return "zh-Hans";
  if (code == "pt") return "pt-BR";
  if (code == "no" || code == "nn") return "nb";
  return code;
}

// The supported language `code` names: itself, else one with the same base language
// (pt-PT is checked as pt-BR); empty when there is none.
std::string supported_match(const std::set<std::string>& supported, const std::string& code) {
  if (supported.count(code)) return code;
  const std::string base = code.substr(0, code.find('-'));
  for (const std::string& s : supported) {
    if (s.substr(0, s.find('-')) == base) return s;
  }
  return "";
}
}  // namespace

LanguageGuess identify_language(std::string_view text, const std::set<std::string>& supported,
                                const std::string& hint, const std::string& fallback) {
  LanguageGuess guess;
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  if (!hint.empty()) {
    hints.content_language_hint = hint.c_str();
    hints.language_hint = CLD2::GetLanguageFromName(hint.c_str());
  }
  // CLD2 returns early on text it rejects without filling these.
  CLD2::Language top3[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
  int percent3[3] = {0, 0, 0};
  double scores3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix = 0;
  const CLD2::Language summary = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      text.data(), static_cast<int>(text.size()), true, &hints, 0, top3, percent3, scores3, nullptr,
      &text_bytes, &reliable, &valid_prefix);
  guess.reliable = reliable;
  guess.detected = summary == CLD2::UNKNOWN_LANGUAGE ? "" : to_bcp47(summary);
  for (int i = 0; i < 3; ++i) {
    if (top3[i] == CLD2::UNKNOWN_LANGUAGE) continue;
    const std::string code = supported_match(supported, to_bcp47(top3[i]));
    if (code.empty()) continue;
    if (std::find(guess.candidates.begin(), guess.candidates.end(), code) ==
        guess.candidates.end()) {
      guess.candidates.push_back(code);
    }
    if (guess.language.empty()) {
      guess.language = code;
      guess.confidence = percent3[i] / 100.0 * (reliable ? 1.0 : 0.7);
    } else if (reliable && percent3[i] >= kMixedSharePercent && code != guess.language &&
               std::find(guess.also.begin(), guess.also.end(), code) == guess.also.end()) {
      guess.also.push_back(code);
    }
  }
  if (!guess.language.empty()) return guess;
  if (reliable && !guess.detected.empty() && percent3[0] >= 80) {
    guess.language = guess.detected;  // clearly a language without rules
    guess.confidence = percent3[0] / 100.0;
    return guess;
  }
  const std::string hinted = hint.empty() ? "" : supported_match(supported, hint);
  guess.language = !hinted.empty() ? hinted : fallback;
  guess.confidence = 0;
  return guess;
}

}  // namespace escalint
