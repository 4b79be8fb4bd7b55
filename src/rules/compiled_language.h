// Everything one language needs at match time, compiled once and then immutable:
// RE2::Sets over every evidence, trigger and `unless` pattern of the enabled rules (a pass per
// stretch of new text says which patterns may occur), single patterns compiled on
// first use to locate matches only where a rule needs positions, the negation
// window, and the sentence splitter. Safe to share between threads.
// The Set is a prefilter: it may report a pattern that find() then does not confirm.
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

  // Adds to `hits` the index of every pattern that may match in `text` (unsorted): the
  // Set holds loosened patterns (see pattern_syntax.h), so confirm with find().
  void match(std::string_view text, std::vector<int>* hits) const;

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
  struct PatternSet {
    int rule;
    std::unique_ptr<re2::RE2::Set> set;
    std::vector<int> index;  // Set-local pattern number -> index into origins_
  };
  std::vector<PatternSet> sets_;
  std::unique_ptr<Single[]> singles_;
  std::unique_ptr<ContextWindow> context_;
  std::unique_ptr<SentenceSplitter> sentences_;
};

}  // namespace escalint
