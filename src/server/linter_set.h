// The Linters a server uses: one built at start-up from the command line's options,
// plus one per distinct per-request option set (a request's "language" and
// "rules": {"enable", "disable"}), built on first use and kept in a bounded
// least-recently-used cache. A Linter is immutable and shared by every worker;
// an evicted one lives on until the last request using it finishes (shared_ptr).
//
// Why Linters and not filtered findings: the checklist and the readiness score count
// only enabled rules, so turning a rule off must change them too, exactly as
// `escalint check --disable` does.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lint/linter.h"

namespace escalint {

// What a request may change. Empty: the server's own options.
struct RequestOptions {
  std::string language;           // use this language's rules (must be in the pack)
  std::set<std::string> enable;   // added to the server's enable list
  std::set<std::string> disable;  // added to the server's disable list
  bool empty() const { return language.empty() && enable.empty() && disable.empty(); }
};

class LinterSet {
 public:
  // Builds the base Linter and, with `compile_now`, compiles every language's patterns
  // (so the first request does not pay for it and a broken pack fails at start-up).
  // Throws RuleError like Linter does.
  LinterSet(RulePack pack, LintOptions base, std::size_t capacity = 16, bool compile_now = true);

  const Linter& base() const { return *base_; }
  const RulePack& pack() const { return base_->pack(); }

  // The Linter for `request`. Returns an empty pointer and sets `*error` when the
  // request names an unknown rule or a language the pack has no rules for.
  std::shared_ptr<const Linter> get(const RequestOptions& request, std::string* error);

  std::size_t cached() const;

 private:
  std::shared_ptr<const Linter> base_;
  LintOptions base_options_;
  std::size_t capacity_;
  mutable std::mutex mu_;
  std::list<std::pair<std::string, std::shared_ptr<const Linter>>> lru_;  // most recent first
};

}  // namespace escalint
