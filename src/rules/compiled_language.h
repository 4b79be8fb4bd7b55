// Everything one language needs at match time, compiled once and then immutable:
// RE2::Sets over every evidence, trigger and `unless` pattern of the enabled rules (a pass per
// stretch of new text says which patterns may occur), single patterns compiled on
// first use to locate matches only where a rule needs positions, the negation
// window, and the sentence splitter. Safe to share between threads.
// The Set is a prefilter: it may report a pattern that find() then does not confirm.
// A when-then rule's consequence patterns (evidence and `unless`) matter only once its
// trigger holds, so their Sets are deferred: built and passed on the first draft that
// asks (match_deferred). The other Sets are built up front, several at a time.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "rules/context_window.h"
#include "rules/rule_pack.h"
#include "text/sentences.h"
#include "text/text_field.h"

#include <re2/re2.h>
#include <re2/set.h>

namespace escalint {

// Which of a rule's pattern sections a pattern comes from.
enum class PatternRole { kEvidence, kTrigger, kUnless };

// Where a pattern of the Set comes from.
struct PatternOrigin {
  int rule = 0;  // index into RulePack::rules
  PatternRole role = PatternRole::kEvidence;
  int group = 0;  // index into that section's groups
};

class CompiledLanguage {
 public:
  // `macros` are the language's macros with the configuration's additions.
  // Throws RuleError (file, rule id, RE2's message) when any pattern is broken.
  CompiledLanguage(const RulePack& pack, const std::string& language,
                   const std::vector<bool>& enabled,
                   const std::map<std::string, std::string>& macros);
  ~CompiledLanguage();

  const std::string& language() const { return language_; }
  const std::vector<PatternOrigin>& origins() const { return origins_; }

  // Adds to `hits` the index of every pattern of the Sets built up front that may match
  // in a text, given as `folded` = fold_case(text) (unsorted): the Sets hold loosened,
  // case-folded patterns (see pattern_syntax.h), so confirm with find() on the text.
  void match(std::string_view folded, std::vector<int>* hits) const;

  // Whether `rule`'s patterns of `role` are in deferred Sets, and the same pass over
  // them (building them on first use).
  bool deferred(int rule, PatternRole role) const;
  void match_deferred(int rule, std::string_view folded, std::vector<int>* hits) const;

  // Builds every deferred Set now: a rule pack loaded at run time is checked whole.
  // Throws RuleError like the constructor.
  void build_deferred() const;

  // The next match of pattern `index` in `text` starting at or after `from`.
  bool find(int index, std::string_view text, std::size_t from, Span* found) const;

  const ContextWindow& context() const { return *context_; }
  const SentenceSplitter& sentences() const { return *sentences_; }

 private:
  struct Single;
  const re2::RE2& single(int index) const;

  std::string language_;
  std::vector<PatternOrigin> origins_;
  std::vector<std::string> bounded_;  // the Set's patterns, in index order
  // A few patterns of one rule per Set: the union of all patterns reaches so many DFA
  // states on varied text that building them dominated the run, while small Sets reuse
  // theirs from draft to draft.
  struct PatternSet;
  // Adds the Set's patterns and compiles it; RE2's complaints go to `problems`.
  void build(PatternSet& set, std::vector<std::string>* problems) const;
  void build_once(PatternSet& set) const;

  std::vector<std::string> where_;  // per pattern: file, rule, section and pattern, for errors
  std::vector<std::unique_ptr<PatternSet>> sets_;
  std::vector<bool> has_deferred_;  // per rule of the pack
  std::unique_ptr<Single[]> singles_;
  std::unique_ptr<ContextWindow> context_;
  std::unique_ptr<SentenceSplitter> sentences_;
};

}  // namespace escalint
