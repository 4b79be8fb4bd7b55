#include "rules/context_window.h"

#include <re2/re2.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <vector>

#include "rules/pattern_syntax.h"
#include "rules/rule_loader.h"

namespace escalint {

namespace {

// Every pattern of `list`, macros expanded, as one alternation ("" for an empty list).
std::string join_expanded(const std::vector<std::string>& list,
                          const std::map<std::string, std::string>& macros, const std::string& what,
                          const std::string& source_file) {
  std::string joined;
  for (const std::string& p : list) {
    std::string error;
    auto expanded = expand_macros(p, macros, &error);
    if (!expanded) throw RuleError({source_file + ": " + what + " '" + p + "': " + error});
    if (!joined.empty()) joined += '|';
    joined.append("(?:").append(*expanded).append(")");
  }
  return joined;
}

// One word-bounded alternation of every pattern in `list`; null for an empty list.
std::unique_ptr<re2::RE2> compile_alternation(const std::vector<std::string>& list,
                                              const std::map<std::string, std::string>& macros,
                                              const std::string& what,
                                              const std::string& source_file, bool spaced) {
  if (list.empty()) return nullptr;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(16 << 20);
  auto re = std::make_unique<re2::RE2>(
      word_bounded(join_expanded(list, macros, what, source_file), spaced), options);
  if (!re->ok()) throw RuleError({source_file + ": " + what + ": " + re->error()});
  return re;
}

// Clause boundaries: words at word edges (group 1), or punctuation as written (group 2),
// which may follow a letter directly ("wait, I emailed them").
std::unique_ptr<re2::RE2> compile_boundaries(const NegationVocabulary& v,
                                             const std::map<std::string, std::string>& macros,
                                             const std::string& source_file, bool spaced) {
  auto join = [&](const std::vector<std::string>& list, const char* what) {
    return join_expanded(list, macros, what, source_file);
  };
  const std::string words = join(v.clause_boundaries, "negation.clause_boundaries");
  const std::string punctuation = join(v.clause_punctuation, "negation.clause_punctuation");
  if (words.empty() && punctuation.empty()) return nullptr;
  // A group that can never match keeps the group numbers fixed when a list is empty.
  const std::string never = "[^\\x00-\\x{10FFFF}]";
  const std::string bounded = word_bounded(words.empty() ? never : words, spaced);
  const std::string pattern =
      "(?:" + bounded.substr(4) + ")|(" + (punctuation.empty() ? never : punctuation) + ")";
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  auto re = std::make_unique<re2::RE2>(pattern, options);
  if (!re->ok()) throw RuleError({source_file + ": negation clause boundaries: " + re->error()});
  return re;
}

// The span of the first clause boundary in text[from, end), relative to text.
bool find_boundary(const re2::RE2& boundary, std::string_view text, std::size_t from, Span* found) {
  re2::StringPiece hit[3];
  if (!boundary.Match(re2::StringPiece(text.data(), text.size()), from, text.size(),
                      RE2::UNANCHORED, hit, 3)) {
    return false;
  }
  const re2::StringPiece& g = hit[1].data() ? hit[1] : hit[2];
  const std::size_t b = g.data() - text.data();
  *found = {b, b + g.size()};
  return true;
}

bool is_word_char(UChar32 c) {
  return u_isalnum(c) || c == '\'';
}

// Moves window.begin forward so that at most `words` runs of letters remain before
// window.end.
Span last_spaced_words(std::string_view text, Span window, int words) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(window.end);
  int seen = 0;
  bool in_word = false;
  while (i > static_cast<int32_t>(window.begin)) {
    int32_t prev = i;
    UChar32 c;
    U8_PREV(s, static_cast<int32_t>(window.begin), prev, c);
    const bool w = is_word_char(c);
    if (!w && in_word && ++seen == words) return {static_cast<std::size_t>(i), window.end};
    in_word = w;
    i = prev;
  }
  return window;
}

// Moves window.end back so that at most `words` runs of letters remain after
// window.begin.
Span first_spaced_words(std::string_view text, Span window, int words) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(window.begin);
  const int32_t end = static_cast<int32_t>(window.end);
  int seen = 0;
  bool in_word = false;
  while (i < end) {
    int32_t next = i;
    UChar32 c;
    U8_NEXT(s, next, end, c);
    const bool w = is_word_char(c);
    if (!w && in_word && ++seen == words) return {window.begin, static_cast<std::size_t>(i)};
    in_word = w;
    i = next;
  }
  return window;
}

// The UTF-8 length of the first `units` UTF-16 code units of `u`.
std::size_t utf8_length(const icu::UnicodeString& u, int32_t units) {
  std::size_t bytes = 0;
  for (int32_t i = 0; i < units;) {
    const UChar32 c = u.char32At(i);
    bytes += U8_LENGTH(c);
    i += U16_LENGTH(c);
  }
  return bytes;
}

// The [begin, end) UTF-16 ranges of the words (not spaces or punctuation) in `u`.
std::vector<std::pair<int32_t, int32_t>> dictionary_words(const icu::BreakIterator& prototype,
                                                          const icu::UnicodeString& u) {
  std::unique_ptr<icu::BreakIterator> it(prototype.clone());
  it->setText(u);
  std::vector<std::pair<int32_t, int32_t>> out;
  for (int32_t b = it->first(), e = it->next(); e != icu::BreakIterator::DONE;
       b = e, e = it->next()) {
    if (it->getRuleStatus() != UBRK_WORD_NONE) out.emplace_back(b, e);
  }
  return out;
}

}  // namespace

ContextWindow::ContextWindow(const LanguageData& language,
                             const std::map<std::string, std::string>& macros)
    : window_words_(language.negation.window_words),
      window_words_after_(language.negation.window_words_after) {
  const NegationVocabulary& v = language.negation;
  const std::string& file = language.source_file;
  before_ = compile_alternation(v.before, macros, "negation.before", file, language.spaced);
  after_ = compile_alternation(v.after, macros, "negation.after", file, language.spaced);
  pseudo_ = compile_alternation(v.pseudo, macros, "negation.pseudo", file, language.spaced);
  not_yet_ = compile_alternation(v.not_yet, macros, "negation.not_yet", file, language.spaced);
  boundary_ = compile_boundaries(v, macros, file, language.spaced);
  if (!language.spaced) {
    UErrorCode status = U_ZERO_ERROR;
    word_breaker_.reset(icu::BreakIterator::createWordInstance(
        icu::Locale::forLanguageTag(language.code, status), status));
    if (U_FAILURE(status)) {
      throw RuleError({file + ": ICU has no word breaker for '" + language.code + "'"});
    }
  }
}

ContextWindow::~ContextWindow() = default;

Span ContextWindow::last_words(std::string_view text, Span window, int words) const {
  if (!word_breaker_) return last_spaced_words(text, window, words);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data() + window.begin, static_cast<int32_t>(window.size())));
  const auto found = dictionary_words(*word_breaker_, u);
  if (words <= 0 || found.size() <= static_cast<std::size_t>(words)) return window;
  return {window.begin + utf8_length(u, found[found.size() - words].first), window.end};
}

Span ContextWindow::first_words(std::string_view text, Span window, int words) const {
  if (!word_breaker_) return first_spaced_words(text, window, words);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data() + window.begin, static_cast<int32_t>(window.size())));
  const auto found = dictionary_words(*word_breaker_, u);
  if (words <= 0 || found.size() <= static_cast<std::size_t>(words)) return window;
  return {window.begin, window.begin + utf8_length(u, found[words - 1].second)};
}

bool ContextWindow::find_trigger(const re2::RE2* triggers, std::string_view text, Span window,
                                 Span* found) const {
  if (!triggers || window.empty()) return false;
  const std::string_view w = text.substr(window.begin, window.size());
  re2::StringPiece hit[2];
  std::size_t from = 0;
  while (from < w.size() && triggers->Match(re2::StringPiece(w.data(), w.size()), from, w.size(),
                                            RE2::UNANCHORED, hit, 2)) {
    const std::size_t b = hit[1].data() - w.data(), e = b + hit[1].size();
    bool pseudo = false;
    if (pseudo_) {
      // A pseudo-trigger around this trigger ("not only") cancels it.
      re2::StringPiece p[2];
      std::size_t pf = 0;
      while (pf < w.size() && pseudo_->Match(re2::StringPiece(w.data(), w.size()), pf, w.size(),
                                             RE2::UNANCHORED, p, 2)) {
        const std::size_t pb = p[1].data() - w.data(), pe = pb + p[1].size();
        if (pb <= b && pe >= e) pseudo = true;
        if (pe <= pf) break;
        pf = pe;
      }
    }
    if (!pseudo) {
      *found = {window.begin + b, window.begin + e};
      return true;
    }
    from = e > from ? e : from + 1;
  }
  return false;
}

bool ContextWindow::negated(std::string_view text, Span sentence, Span evidence,
                            Span* trigger) const {
  // Before the evidence: from the last clause boundary, at most window_words_ words.
  Span pre{sentence.begin, std::max(sentence.begin, evidence.begin)};
  if (boundary_) {
    const std::string_view w = text.substr(pre.begin, pre.size());
    Span b;
    for (std::size_t from = 0; from < w.size() && find_boundary(*boundary_, w, from, &b);) {
      pre.begin = sentence.begin + b.end;
      from = b.end > from ? b.end : from + 1;
    }
  }
  pre = last_words(text, pre, window_words_);
  if (find_trigger(before_.get(), text, pre, trigger)) return true;

  // After the evidence starts: its own words ("kontaktade inte leverantören") and, up
  // to the first clause boundary, window_words_after_ words past its end.
  Span post{std::min(evidence.end, sentence.end), sentence.end};
  if (boundary_ && !post.empty()) {
    const std::string_view w = text.substr(post.begin, post.size());
    Span b;
    // The boundary itself stays in: a Japanese "せんが" ends the clause with its negation.
    if (find_boundary(*boundary_, w, 0, &b)) post.end = post.begin + b.end;
  }
  post = first_words(text, post, window_words_after_);
  return find_trigger(after_.get(), text, {std::max(sentence.begin, evidence.begin), post.end},
                      trigger);
}

bool ContextWindow::find_not_yet(std::string_view text, Span within, Span* found) const {
  if (!not_yet_ || within.end > text.size() || within.empty()) return false;
  re2::StringPiece hit[2];
  // One byte early, so that the word edge before a marker at within.begin is seen.
  const std::size_t start = within.begin > 0 ? within.begin - 1 : 0;
  if (!not_yet_->Match(re2::StringPiece(text.data(), within.end), start, within.end,
                       RE2::UNANCHORED, hit, 2)) {
    return false;
  }
  const std::size_t b = hit[1].data() - text.data();
  *found = {b, b + hit[1].size()};
  return true;
}

}  // namespace escalint
