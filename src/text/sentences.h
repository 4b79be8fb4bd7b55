// Sentence segmentation with ICU's BreakIterator, run only on the paragraph around a
// point of interest. Abbreviations (the language file's list, as whole words, and
// ICU's own "ss=standard" list where the language file asks for it) never end a
// sentence. Hard-wrapped lines are
// joined when the next line continues the sentence (starts in lower case).
#pragma once

#include <unicode/brkiter.h>

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "text/text_field.h"

namespace escalint {

class SentenceSplitter {
 public:
  // Throws std::runtime_error when ICU cannot build an iterator for `language`.
  // `icu_abbreviations`: also ICU's list for the locale (see LanguageData).
  SentenceSplitter(const std::string& language, const std::vector<std::string>& abbreviations,
                   bool icu_abbreviations = false);
  ~SentenceSplitter();
  SentenceSplitter(const SentenceSplitter&) = delete;
  SentenceSplitter& operator=(const SentenceSplitter&) = delete;

  // The sentences of text[within], in order, without surrounding white space.
  std::vector<Span> split(std::string_view text, Span within) const;

  // The sentence holding byte `offset`, looking only inside the paragraph (text between
  // blank lines, at most a few KiB) around it and never outside `within`.
  Span sentence_at(std::string_view text, Span within, std::size_t offset) const;

 private:
  bool ends_with_abbreviation(const icu::UnicodeString& text, int32_t at) const;

  std::unique_ptr<icu::BreakIterator> prototype_;  // never used directly: cloned per call
  std::set<icu::UnicodeString> abbreviations_;     // case-folded
};

// The paragraph (lines between blank lines) holding `offset`, clipped to `within`.
Span paragraph_at(std::string_view text, Span within, std::size_t offset);

}  // namespace escalint
