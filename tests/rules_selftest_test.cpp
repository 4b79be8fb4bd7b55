// Every example in the built-in rule pack is a test (as `escalint rules test` runs
// them): failing examples must raise their rule, passing examples must not.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "test_support.h"

namespace escalint {
namespace {

using testing_support::builtin_pack;

struct Example {
  std::string rule;
  std::string language;
  bool should_fire = false;
  std::size_t index = 0;
  std::string text;
};

std::vector<Example> all_examples() {
  std::vector<Example> out;
  for (const Rule& r : builtin_pack().rules) {
    for (const auto& [code, words] : r.languages) {
      for (std::size_t i = 0; i < words.failing_examples.size(); ++i) {
        out.push_back({r.id, code, true, i, words.failing_examples[i]});
      }
      for (std::size_t i = 0; i < words.passing_examples.size(); ++i) {
        out.push_back({r.id, code, false, i, words.passing_examples[i]});
      }
    }
  }
  return out;
}

// One test per language: building a language's rules is the costly part, so its
// examples share a test; each failure names the rule, the example and the findings.
class RuleExamples : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleExamples, BehaveAsTheRuleFilesSay) {
  const std::string& language = GetParam();
  int run = 0;
  for (const Example& e : all_examples()) {
    if (e.language != language) continue;
    ++run;
    const DraftResult result = testing_support::check_example(e.language, e.text);
    ASSERT_EQ(result.language, e.language);
    std::string fired_rules;
    bool fired = false;
    for (const Finding& f : result.findings) {
      fired_rules += " " + f.rule + "(" + f.status + ")";
      if (f.rule == e.rule) fired = true;
    }
    EXPECT_EQ(fired, e.should_fire)
        << "rule '" << e.rule << "' [" << e.language << "] should "
        << (e.should_fire ? "fire" : "stay silent") << " on example "
        << (e.should_fire ? "fail" : "pass") << "[" << e.index << "]: \"" << e.text
        << "\"\n  findings:" << (fired_rules.empty() ? " none" : fired_rules);
  }
  EXPECT_GT(run, 0) << "no examples for language " << language;
}

std::vector<std::string> pack_languages() {
  std::vector<std::string> out;
  for (const auto& [code, _] : builtin_pack().languages) out.push_back(code);
  return out;
}

INSTANTIATE_TEST_SUITE_P(BuiltInPack, RuleExamples, ::testing::ValuesIn(pack_languages()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// The pack must actually hold examples, both kinds, for every rule and language:
// otherwise the parameterised test above would pass vacuously.
TEST(RuleExampleSet, EveryRuleAndLanguageHasBothKinds) {
  const RulePack& pack = builtin_pack();
  ASSERT_FALSE(pack.rules.empty());
  for (const Rule& r : pack.rules) {
    EXPECT_FALSE(r.languages.empty()) << r.id;
    for (const auto& [code, words] : r.languages) {
      EXPECT_FALSE(words.failing_examples.empty())
          << r.id << " [" << code << "] has no failing examples";
      EXPECT_FALSE(words.passing_examples.empty())
          << r.id << " [" << code << "] has no passing examples";
    }
  }
  EXPECT_GE(all_examples().size(), 2 * pack.rules.size() * 2);
}

}  // namespace
}  // namespace escalint
