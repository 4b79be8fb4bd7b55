#include "text/language_id.h"

// CLD2's header uses FILE without including <cstdio>.
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <algorithm>
#include <cstdio>
#include <map>

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

// The guess from a ranking of up to three languages (BCP 47, best first, with their
// percent of the text): the shared rules of identify_language and language_of_ranges.
LanguageGuess choose(const std::vector<std::pair<std::string, int>>& top, bool reliable,
                     const std::string& detected, const std::set<std::string>& supported,
                     const std::string& hint, const std::string& fallback) {
  LanguageGuess guess;
  guess.reliable = reliable;
  guess.detected = detected;
  for (const auto& [language, percent] : top) {
    const std::string code = supported_match(supported, language);
    if (code.empty()) continue;
    if (std::find(guess.candidates.begin(), guess.candidates.end(), code) ==
        guess.candidates.end()) {
      guess.candidates.push_back(code);
    }
    if (guess.language.empty()) {
      guess.language = code;
      guess.confidence = percent / 100.0 * (reliable ? 1.0 : 0.7);
    } else if (reliable && percent >= kMixedSharePercent && code != guess.language &&
               std::find(guess.also.begin(), guess.also.end(), code) == guess.also.end()) {
      guess.also.push_back(code);
    }
  }
  if (!guess.language.empty()) return guess;
  if (reliable && !detected.empty() && !top.empty() && top.front().second >= 80) {
    guess.language = detected;  // clearly a language without rules
    guess.confidence = top.front().second / 100.0;
    return guess;
  }
  const std::string hinted = hint.empty() ? "" : supported_match(supported, hint);
  guess.language = !hinted.empty() ? hinted : fallback;
  guess.confidence = 0;
  return guess;
}

}  // namespace

LanguageGuess identify_language(std::string_view text, const std::set<std::string>& supported,
                                const std::string& hint, const std::string& fallback) {
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
  CLD2::ResultChunkVector chunks;
  const CLD2::Language summary = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      text.data(), static_cast<int>(text.size()), true, &hints, 0, top3, percent3, scores3, &chunks,
      &text_bytes, &reliable, &valid_prefix);
  std::vector<std::pair<std::string, int>> top;
  for (int i = 0; i < 3; ++i) {
    if (top3[i] != CLD2::UNKNOWN_LANGUAGE) top.emplace_back(to_bcp47(top3[i]), percent3[i]);
  }
  LanguageGuess guess =
      choose(top, reliable, summary == CLD2::UNKNOWN_LANGUAGE ? "" : to_bcp47(summary), supported,
             hint, fallback);
  for (const CLD2::ResultChunk& c : chunks) {
    const auto lang = static_cast<CLD2::Language>(c.lang1);
    guess.spans.push_back({static_cast<std::size_t>(c.offset),
                           static_cast<std::size_t>(c.offset) + static_cast<std::size_t>(c.bytes),
                           lang == CLD2::UNKNOWN_LANGUAGE ? "" : to_bcp47(lang)});
  }
  return guess;
}

std::optional<LanguageGuess> language_of_ranges(const LanguageGuess& whole,
                                                const std::vector<Span>& ranges,
                                                const std::set<std::string>& supported,
                                                const std::string& hint,
                                                const std::string& fallback) {
  std::map<std::string, std::size_t> bytes;
  std::size_t known = 0;
  for (const LanguageSpan& s : whole.spans) {
    if (s.language.empty()) continue;
    for (const Span& r : ranges) {
      const std::size_t b = std::max(s.begin, r.begin), e = std::min(s.end, r.end);
      if (b < e) bytes[s.language] += e - b, known += e - b;
    }
  }
  if (known == 0) return std::nullopt;
  std::vector<std::pair<std::string, std::size_t>> ranked(bytes.begin(), bytes.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::pair<std::string, int>> top;
  for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
    top.emplace_back(ranked[i].first, static_cast<int>(ranked[i].second * 100 / known));
  }
  return choose(top, whole.reliable, top.front().first, supported, hint, fallback);
}

}  // namespace escalint
