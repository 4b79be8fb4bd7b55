// How rule patterns become the prefilter Sets (rules/pattern_syntax.h): case-folded
// patterns over case-folded text must report every pattern that matches the text as
// written, and the built-in rules' Sets must do so on every example the rule files hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rules/builtin_pack.h"
#include "rules/compiled_language.h"
#include "rules/pattern_syntax.h"
#include "text/utf8.h"

#include <re2/re2.h>

namespace escalint {
namespace {

TEST(FoldCase, FoldsEveryCaseVariantToOne) {
  EXPECT_EQ(fold_case("Kassan ÄR Trasig"), "kassan är trasig");
  EXPECT_EQ(fold_case("\u212A"), "k");  // Kelvin sign, three bytes, folds to ASCII
  EXPECT_EQ(fold_case("\u017F"), "s");  // long s
  EXPECT_EQ(fold_case("ΣΊΣΥΦΟΣ"), "σίσυφοσ");
  EXPECT_EQ(fold_case("まだ連絡していません"), "まだ連絡していません");
  EXPECT_EQ(fold_case(""), "");
}

TEST(CaseFolded, FoldsLiteralsAndKeepsClassesCaseInsensitive) {
  EXPECT_EQ(case_folded("(?i)(Kontakt|ÄNDERUNG)"), "(kontakt|änderung)");
  EXPECT_EQ(case_folded("[A-Z]+\\d"), "(?i:[A-Z])+\\d");
  EXPECT_EQ(case_folded("\\x{C4}x"), "(?i:\\x{C4})x");
  EXPECT_EQ(case_folded("(?-i:[A-Z]\\w+) AB"), "(?:(?i:[A-Z])\\w+) ab");
  EXPECT_EQ(case_folded("(?P<Name>X)"), "(?P<Name>x)");
  EXPECT_EQ(case_folded("[]A]"), "(?i:[]A])");
}

// (?i)pattern matching the text implies the folded pattern matching the folded text,
// and without (?-i:...) sections the reverse holds too.
TEST(CaseFolded, MatchesFoldedTextWhereverThePatternMatchesTheText) {
  struct Case {
    const char* pattern;
    const char* text;
    bool matches;
  };
  for (const Case& c : {
           Case{"(?i)kontaktade byrån", "Vi KONTAKTADE Byrån i går", true},
           Case{"(?i)straße", "STRAßE", true},
           Case{"(?i)kelvin", "\u212Aelvin", true},
           Case{"(?i)[a-zäö]+ön", "SKÖN", true},
           Case{"(?i)\\x{C4}nderung", "änderung", true},
           Case{"(?i)[^\\s,.]+ agency", "OUR AGENCY", true},
           Case{"(?i)(?-i:[A-Z][a-z]+) Digital", "Nordvik DIGITAL", true},
           Case{"(?i)go-live", "go live", false},
           Case{"(?i)まだ", "もう", false},
       }) {
    SCOPED_TRACE(std::string(c.pattern) + " on " + c.text);
    const RE2 as_written(c.pattern);
    const RE2 folded(case_folded(c.pattern));
    ASSERT_TRUE(as_written.ok() && folded.ok()) << folded.error();
    EXPECT_EQ(RE2::PartialMatch(c.text, as_written), c.matches);
    EXPECT_EQ(RE2::PartialMatch(fold_case(c.text), folded), c.matches);
  }
  // A case-sensitive section becomes case-insensitive: a superset, never a miss.
  const std::string pattern = "(?i)called (?-i:[A-Z][a-z]+)";
  EXPECT_FALSE(RE2::PartialMatch("called them", RE2(pattern)));
  EXPECT_TRUE(RE2::PartialMatch(fold_case("called them"), RE2(case_folded(pattern))));
}

// Every pattern that matches one of a rule's examples (or the language's template) is
// among the patterns the Sets report for it.
TEST(CompiledLanguage, SetsReportEveryPatternThatMatches) {
  const RulePack pack = builtin_rule_pack();
  const std::vector<bool> enabled(pack.rules.size(), true);
  for (const auto& [code, language] : pack.languages) {
    SCOPED_TRACE(code);
    const CompiledLanguage compiled(pack, code, enabled, language.macros);
    std::vector<std::string> texts{language.template_text};
    for (const Rule& rule : pack.rules) {
      auto l = rule.languages.find(code);
      if (l == rule.languages.end()) continue;
      for (const auto* list : {&l->second.passing_examples, &l->second.failing_examples}) {
        texts.insert(texts.end(), list->begin(), list->end());
      }
    }
    int confirmed = 0;
    for (const std::string& text : texts) {
      const std::string folded = fold_case(text);
      std::vector<int> hits;
      compiled.match(folded, &hits);
      for (std::size_t r = 0; r < pack.rules.size(); ++r) {
        compiled.match_deferred(static_cast<int>(r), folded, &hits);
      }
      for (std::size_t p = 0; p < compiled.origins().size(); ++p) {
        Span found;
        if (!compiled.find(static_cast<int>(p), text, 0, &found)) continue;
        ++confirmed;
        EXPECT_NE(std::find(hits.begin(), hits.end(), static_cast<int>(p)), hits.end())
            << "pattern " << p << " of rule '" << pack.rules[compiled.origins()[p].rule].id
            << "' matches \"" << text << "\" but no Set reported it";
      }
    }
    EXPECT_GT(confirmed, 50) << "the examples exercise the patterns";
  }
}

}  // namespace
}  // namespace escalint
