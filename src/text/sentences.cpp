#include "text/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace escalint {

namespace {

constexpr std::size_t kMaxParagraph = 4096;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

Span trim(std::string_view text, Span s) {
  while (s.begin < s.end && is_space(text[s.begin])) ++s.begin;
  while (s.end > s.begin && is_space(text[s.end - 1])) --s.end;
  return s;
}

// text[span] as UTF-16 for ICU, with `byte_at[i]` the byte offset of UTF-16 unit i
// (and of the end). A line break followed by a lower-case letter becomes a space, so
// hard-wrapped sentences stay whole; the replacement keeps every offset.
struct Utf16View {
  icu::UnicodeString text;
  std::vector<std::size_t> byte_at;
};

Utf16View to_utf16(std::string_view text, Span span) {
  Utf16View v;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(span.begin);
  const int32_t end = static_cast<int32_t>(span.end);
  v.byte_at.reserve(span.size() + 1);
  while (i < end) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, end, c);
    if (c < 0) c = 0xFFFD;
    if (c == '\n' && i < end) {
      int32_t j = i;
      UChar32 next;
      U8_NEXT(s, j, end, next);
      if (next >= 0 && u_islower(next)) c = ' ';
    }
    v.text.append(c);
    v.byte_at.push_back(static_cast<std::size_t>(start));
    if (c > 0xFFFF) v.byte_at.push_back(static_cast<std::size_t>(start));
  }
  v.byte_at.push_back(span.end);
  return v;
}

}  // namespace

SentenceSplitter::SentenceSplitter(const std::string& language,
                                   const std::vector<std::string>& abbreviations,
                                   bool icu_abbreviations) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(language, status);
  if (U_FAILURE(status)) throw std::runtime_error("not a BCP 47 language tag: '" + language + "'");
  prototype_.reset(icu::BreakIterator::createSentenceInstance(locale, status));
  if (U_FAILURE(status))
    throw std::runtime_error("ICU has no sentence iterator for '" + language + "'");
  if (icu_abbreviations) {
    // The language file's entries are not added to ICU's filter: it matches them at the
    // end of any word ("lt." would keep "bestellt. Seit" together), so
    // ends_with_abbreviation checks them as whole words instead.
    std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
        icu::FilteredBreakIteratorBuilder::createInstance(
            icu::Locale((std::string(locale.getName()) + "@ss=standard").c_str()), status));
    if (U_FAILURE(status))
      throw std::runtime_error("ICU has no abbreviation list for '" + language + "'");
    prototype_.reset(builder->wrapIteratorWithFilter(prototype_.release(), status));
    if (U_FAILURE(status))
      throw std::runtime_error("ICU cannot build the sentence iterator for '" + language + "'");
  }
  for (const std::string& a : abbreviations) {
    abbreviations_.insert(icu::UnicodeString::fromUTF8(a).foldCase());
  }
}

SentenceSplitter::~SentenceSplitter() = default;

std::vector<Span> SentenceSplitter::split(std::string_view text, Span within) const {
  std::vector<Span> out;
  if (within.empty()) return out;
  Utf16View v = to_utf16(text, within);
  std::unique_ptr<icu::BreakIterator> it(prototype_->clone());
  it->setText(v.text);
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; end = it->next()) {
    if (end < v.text.length() && ends_with_abbreviation(v.text, end)) continue;
    Span s = trim(text, {v.byte_at[start], v.byte_at[end]});
    if (!s.empty()) out.push_back(s);
    start = end;
  }
  return out;
}

// A break is dropped when the whole word before it, case-folded, is one of the
// language's abbreviations ("t.ex.", "z.B.", "lt.", but not the end of "bestellt.").
bool SentenceSplitter::ends_with_abbreviation(const icu::UnicodeString& text, int32_t at) const {
  int32_t end = at;
  while (end > 0 && u_isUWhiteSpace(text.charAt(end - 1))) --end;
  int32_t begin = end;
  while (begin > 0 && !u_isUWhiteSpace(text.charAt(begin - 1))) --begin;
  // Opening brackets and quotes are not part of the word: "(z.B.", "<1.", "„ca.".
  while (begin < end && !u_isalnum(text.charAt(begin))) ++begin;
  if (begin == end) return false;
  icu::UnicodeString word(text, begin, end - begin);
  return abbreviations_.count(word.foldCase()) > 0;
}

Span paragraph_at(std::string_view text, Span within, std::size_t offset) {
  const std::size_t lo =
      offset > within.begin + kMaxParagraph ? offset - kMaxParagraph : within.begin;
  const std::size_t hi = std::min(within.end, offset + kMaxParagraph);
  std::size_t begin = offset;
  while (begin > lo) {
    // A blank line ends the paragraph: "\n" followed by optional spaces and "\n".
    if (text[begin - 1] == '\n') {
      std::size_t k = begin - 1;
      while (k > lo && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\r')) --k;
      if (k > lo && text[k - 1] == '\n') break;
    }
    --begin;
  }
  std::size_t end = offset;
  while (end < hi) {
    if (text[end] == '\n') {
      std::size_t k = end + 1;
      while (k < hi && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r')) ++k;
      if (k < hi && text[k] == '\n') break;
    }
    ++end;
  }
  return {begin, end};
}

Span SentenceSplitter::sentence_at(std::string_view text, Span within, std::size_t offset) const {
  const Span paragraph = paragraph_at(text, within, offset);
  for (const Span& s : split(text, paragraph)) {
    if (offset < s.end) return s.begin <= offset ? s : Span{offset, offset};
  }
  return paragraph;
}

}  // namespace escalint
