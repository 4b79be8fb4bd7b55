// Drafts in more than one language: identification lists every supported language with
// a real share of the text, and the draft is checked with the rules of each.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "lint/linter.h"
#include "rules/evaluator.h"
#include "test_support.h"
#include "text/language_id.h"

namespace escalint {
namespace {

using testing_support::builtin_pack;
using testing_support::findings_of;

// A Swedish note with an English paragraph: the partner contact is only in English.
const char* kMixed =
    "Hej Anna,\n\n"
    "Kassan i vår webbutik har slutat fungera för kortbetalningar sedan i måndags, och "
    "kunderna hör av sig hela tiden. Vi vet inte längre vad vi ska göra och behöver er hjälp "
    "med att komma vidare.\n\n"
    "Our developer wrote this in English for you: I emailed the agency on 3 March and called "
    "their project manager twice last week, but they keep saying the payment module is "
    "outside the contract.\n\n"
    "Tack på förhand!\n";

DraftResult check(const std::string& body, const std::string& language = "") {
  LintOptions options;
  options.language = language;
  const Linter linter(builtin_pack(), options);
  Draft draft;
  draft.source = "mixed.txt";
  draft.body = body;
  return linter.check(draft);
}

TEST(MixedLanguage, EveryLanguageWithARealShareIsChecked) {
  const DraftResult r = check(kMixed);
  ASSERT_EQ(r.languages.size(), 2u);
  EXPECT_EQ(r.languages.front(), r.language);
  EXPECT_NE(std::find(r.languages.begin(), r.languages.end(), "sv"), r.languages.end());
  EXPECT_NE(std::find(r.languages.begin(), r.languages.end(), "en"), r.languages.end());
  // The English paragraph's contact and contract count although Swedish holds the rest.
  EXPECT_TRUE(findings_of(r, "partner-contact").empty());
  EXPECT_TRUE(findings_of(r, "scope-reference").empty());
}

TEST(MixedLanguage, OtherLanguagesReadOnlyTheirOwnParagraphs) {
  // English rules would read Dutch "met Adobe Commerce" ("with") as "we met Adobe
  // Commerce"; they may read only the English error message.
  const DraftResult r = check(
      "Beste Femke,\n\nSinds 2 april breekt bij ons de nachtelijke productimport af. In de log "
      "staat elke keer:\n\nImport error: \"General system exception happened. Additional data: "
      "SQLSTATE[HY000]: General error: 2006 MySQL server has gone away\"\n\nIndien nodig schakel "
      "ik het bureau in, maar eerst wil ik begrijpen of dit een bekend probleem is met Adobe "
      "Commerce 2.4.6-p3.\n");
  EXPECT_EQ(r.language, "nl");
  EXPECT_EQ(findings_of(r, "partner-contact").size(), 1u);
}

TEST(MixedLanguage, LanguageOfRangesReadsCLD2sStretches) {
  const std::string sv =
      "Kassan i vår webbutik har slutat fungera för kortbetalningar sedan i måndags, och "
      "kunderna hör av sig hela tiden. Vi vet inte längre vad vi ska göra och behöver hjälp.";
  const std::string en =
      "I emailed the agency on the third of March and called their project manager twice "
      "last week, but they keep saying that the payment module is outside the contract.";
  const std::string text = sv + "\n\n" + en;
  const std::set<std::string> supported = {"en", "sv"};
  const LanguageGuess whole = identify_language(text, supported, "", "en");
  ASSERT_FALSE(whole.spans.empty());
  const auto first = language_of_ranges(whole, {{0, sv.size()}}, supported, "", "en");
  const auto second =
      language_of_ranges(whole, {{sv.size() + 2, text.size()}}, supported, "", "en");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->language, "sv");
  EXPECT_EQ(second->language, "en");
  EXPECT_FALSE(language_of_ranges(whole, {{text.size(), text.size() + 10}}, supported, "", "en"));
}

TEST(MixedLanguage, AForcedLanguageChecksOnlyThatOne) {
  const DraftResult r = check(kMixed, "sv");
  ASSERT_EQ(r.languages.size(), 1u);
  EXPECT_EQ(findings_of(r, "partner-contact").size(), 1u);
}

TEST(MixedLanguage, OneLanguageDraftsStayOneLanguage) {
  const DraftResult r = check(
      "Hej! Kassan har varit trasig sedan releasen i måndags och kunderna kan inte betala med "
      "kort. Vi har mejlat byrån två gånger utan svar och behöver hjälp nu.");
  EXPECT_EQ(r.languages, std::vector<std::string>{"sv"});
}

// combine(): a rule fails unless another checked language affirmed it; forbid findings
// of every language are kept.
TEST(MixedLanguage, CombineKeepsFailuresOfEveryLanguageOnly) {
  const RulePack& pack = builtin_pack();
  auto index = [&](const char* id) {
    return static_cast<int>(pack.find_rule(id) - pack.rules.data());
  };
  const int contact = index("partner-contact"), examples = index("concrete-examples"),
            vague = index("vague-language");
  const int timeline = index("scope-timeline");
  Evaluation sv, en;
  sv.verdicts = {
      {contact, "denied", {}, 0}, {examples, "too-few", {}, 1}, {timeline, "missing", {}, 0}};
  en.verdicts = {{examples, "too-few", {}, 0}, {vague, "present", FieldSpan{0, {4, 9}}, 0}};
  sv.affirmed.assign(pack.rules.size(), false);
  en.affirmed.assign(pack.rules.size(), false);
  en.affirmed[contact] = true;  // English evidence of contact; no English trigger of timeline
  const Evaluation both = combine({sv, en}, pack);
  ASSERT_EQ(both.verdicts.size(), 3u);
  std::vector<int> rules;
  for (const Verdict& v : both.verdicts) rules.push_back(v.rule);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), contact), 0);   // passed in English
  EXPECT_EQ(std::count(rules.begin(), rules.end(), examples), 1);  // failed in both: once
  EXPECT_EQ(std::count(rules.begin(), rules.end(), vague), 1);     // a forbid finding
  EXPECT_EQ(std::count(rules.begin(), rules.end(), timeline), 1);  // not affirmed in English
  EXPECT_TRUE(both.affirmed[contact]);
  for (const Verdict& v : both.verdicts) {
    if (v.rule == examples) {
      EXPECT_EQ(v.count, 1);  // as the main language judged it
    }
  }
}

}  // namespace
}  // namespace escalint
