// The public face of the core: a Linter is built once from a rule pack and options,
// is immutable afterwards, and checks drafts from any number of threads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "input/draft.h"
#include "lint/result.h"
#include "rules/compiled_language.h"
#include "rules/rule_pack.h"
#include "text/regions.h"

namespace escalint {

struct LintOptions {
  std::string language;                    // use this language's rules; empty: identify it
  std::string message_language;            // write messages in this language; empty: the draft's
  std::string default_language = "en";     // when identification is unsure
  std::set<std::string> disable;           // rule ids turned off
  std::set<std::string> enable;            // rule ids turned back on (wins over disable)
  std::map<std::string, Level> levels;     // per-rule level overrides
  std::map<std::string, int> min_counts;   // per-rule thresholds for count rules
  std::vector<std::string> partner_names;  // the partner's company and people names
  std::vector<std::string> product_names;  // products the drafts may name
  bool explain = false;                    // report the evidence rules relied on
};

class Linter {
 public:
  // Throws RuleError when the options name unknown rules or markers do not compile.
  Linter(RulePack pack, LintOptions options);
  ~Linter();

  DraftResult check(const Draft& draft) const;

  const RulePack& pack() const { return pack_; }
  const LintOptions& options() const { return options_; }
  bool enabled(const Rule& rule) const;
  std::set<std::string> languages() const;

  // Compiles every language's patterns now (normally done on first use, per language).
  // Throws RuleError naming each broken pattern.
  void compile_all() const;

 private:
  struct Lazy {
    std::once_flag once;
    std::unique_ptr<CompiledLanguage> compiled;
  };
  const CompiledLanguage& compiled(const std::string& language) const;

  RulePack pack_;
  LintOptions options_;
  std::vector<bool> enabled_;
  std::vector<bool> matched_;  // rules whose patterns are compiled: enabled, or read by one
  std::vector<int> min_count_;
  std::unique_ptr<RegionDetector> regions_;
  mutable std::map<std::string, Lazy> compiled_;  // keys fixed at construction
};

}  // namespace escalint
