// Helpers shared by the test files: the built-in rule pack (loaded once), a Linter
// with a forced language, and spans found by their text.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "lint/linter.h"
#include "rules/builtin_pack.h"
#include "rules/rule_loader.h"
#include "text/text_field.h"

namespace escalint::testing_support {

// The embedded default pack, loaded on first use.
inline const RulePack& builtin_pack() {
  static const RulePack pack = builtin_rule_pack();
  return pack;
}

// A Linter over the built-in pack that uses `language`'s rules, built once per language.
inline const Linter& linter_for(const std::string& language) {
  static std::map<std::string, std::unique_ptr<Linter>> linters;
  auto& slot = linters[language];
  if (!slot) {
    LintOptions options;
    options.language = language;
    slot = std::make_unique<Linter>(builtin_pack(), options);
  }
  return *slot;
}

inline DraftResult check_body(const std::string& language, const std::string& body) {
  Draft draft;
  draft.source = "test.txt";
  draft.body = body;
  return linter_for(language).check(draft);
}

// A rule's example as `escalint rules test` checks it: a message known to carry no
// attachment.
inline DraftResult check_example(const std::string& language, const std::string& body) {
  Draft draft;
  draft.source = "example.eml";
  draft.body = body;
  draft.attachments_known = true;
  return linter_for(language).check(draft);
}

// The findings of `rule` in `result`.
inline std::vector<Finding> findings_of(const DraftResult& result, const std::string& rule) {
  std::vector<Finding> out;
  for (const Finding& f : result.findings) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

// The span of the first occurrence of `needle` in `text` (fails the test when absent).
inline Span span_of(std::string_view text, std::string_view needle) {
  const std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string_view::npos) << "'" << needle << "' not in '" << text << "'";
  if (at == std::string_view::npos) return {};
  return {at, at + needle.size()};
}

}  // namespace escalint::testing_support
