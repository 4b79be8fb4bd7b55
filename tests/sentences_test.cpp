#include "text/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace escalint {
namespace {

using testing_support::builtin_pack;

std::vector<std::string> sentences(const SentenceSplitter& splitter, const std::string& text) {
  std::vector<std::string> out;
  for (const Span& s : splitter.split(text, {0, text.size()}))
    out.push_back(text.substr(s.begin, s.size()));
  return out;
}

class SentencesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    swedish_ = new SentenceSplitter("sv", builtin_pack().languages.at("sv").abbreviations);
    english_ = new SentenceSplitter("en", builtin_pack().languages.at("en").abbreviations, true);
    // No abbreviations at all (ICU has none for Swedish): shows that each text below
    // would be split at the abbreviation if the list did not prevent it.
    bare_ = new SentenceSplitter("sv", {});
  }
  static void TearDownTestSuite() {
    delete swedish_;
    delete english_;
    delete bare_;
    swedish_ = english_ = bare_ = nullptr;
  }

  // `text` holds exactly `expected`, while a splitter without abbreviations breaks it
  // into more sentences (so the abbreviation list is what keeps them whole).
  static void ExpectAbbreviationHolds(const SentenceSplitter& splitter, const std::string& text,
                                      const std::vector<std::string>& expected) {
    EXPECT_EQ(sentences(splitter, text), expected) << "text: " << text;
    EXPECT_GT(sentences(*bare_, text).size(), expected.size())
        << "without abbreviations the text should split further: " << text;
  }

  static SentenceSplitter* swedish_;
  static SentenceSplitter* english_;
  static SentenceSplitter* bare_;
};

SentenceSplitter* SentencesTest::swedish_ = nullptr;
SentenceSplitter* SentencesTest::english_ = nullptr;
SentenceSplitter* SentencesTest::bare_ = nullptr;

TEST_F(SentencesTest, PlainSentencesAreSplitAndTrimmed) {
  EXPECT_EQ(sentences(*swedish_, "  Kassan är nere. Ingen kan betala!  Vad gör vi?  "),
            (std::vector<std::string>{"Kassan är nere.", "Ingen kan betala!", "Vad gör vi?"}));
}

TEST_F(SentencesTest, SwedishKlockslag) {
  ExpectAbbreviationHolds(
      *swedish_, "Mötet var kl. 14.30 Enligt byrån var allt klart. Så blev det inte.",
      {"Mötet var kl. 14.30 Enligt byrån var allt klart.", "Så blev det inte."});
}

TEST_F(SentencesTest, SwedishCirka) {
  ExpectAbbreviationHolds(*swedish_, "Det gäller ca. 30 Klarna-köp per dag. Resten fungerar.",
                          {"Det gäller ca. 30 Klarna-köp per dag.", "Resten fungerar."});
  EXPECT_EQ(sentences(*swedish_, "Det gäller ca 30 Klarna-köp per dag. Resten fungerar."),
            (std::vector<std::string>{"Det gäller ca 30 Klarna-köp per dag.", "Resten fungerar."}));
}

TEST_F(SentencesTest, SwedishDvs) {
  ExpectAbbreviationHolds(*swedish_,
                          "Kassan är nere, dvs. Ingen kund kan betala. Vi förlorar pengar.",
                          {"Kassan är nere, dvs. Ingen kund kan betala.", "Vi förlorar pengar."});
}

TEST_F(SentencesTest, CapitalisedAbbreviationAtSentenceStart) {
  // The language file lists "dvs."; the splitter also suppresses "Dvs.".
  ExpectAbbreviationHolds(*swedish_, "Det är flera fel. Dvs. Kassan visar fel pris. Mer kommer.",
                          {"Det är flera fel.", "Dvs. Kassan visar fel pris.", "Mer kommer."});
}

TEST_F(SentencesTest, EnglishMr) {
  // "Mr." is not in en.yaml: it comes from ICU's own English suppressions.
  ExpectAbbreviationHolds(*english_, "We spoke to Mr. Smith on Monday. He agreed to fix it.",
                          {"We spoke to Mr. Smith on Monday.", "He agreed to fix it."});
}

TEST_F(SentencesTest, EnglishApprox) {
  ExpectAbbreviationHolds(*english_, "It affects approx. 40 Klarna orders a day. Nothing else.",
                          {"It affects approx. 40 Klarna orders a day.", "Nothing else."});
}

// Abbreviations with a full stop inside ("t.ex.", "bl.a.", "e.g.") do not end a
// sentence either. (Regression: ICU's FilteredBreakIteratorBuilder keeps only "t." of
// such an entry in its backward trie, which never matches at the break ICU makes after
// "t.ex.", so these used to end sentences.)
TEST_F(SentencesTest, AbbreviationsWithInnerFullStops) {
  ExpectAbbreviationHolds(
      *swedish_, "Flera betalsätt, t.ex. Klarna och Swish, slutade fungera. Vi behöver hjälp.",
      {"Flera betalsätt, t.ex. Klarna och Swish, slutade fungera.", "Vi behöver hjälp."});
  ExpectAbbreviationHolds(*swedish_,
                          "Felet drabbar bl.a. Kassan och orderflödet. Det började i mars.",
                          {"Felet drabbar bl.a. Kassan och orderflödet.", "Det började i mars."});
  ExpectAbbreviationHolds(*swedish_, "Det är flera fel. T.ex. Kassan visar fel pris. Mer kommer.",
                          {"Det är flera fel.", "T.ex. Kassan visar fel pris.", "Mer kommer."});
  ExpectAbbreviationHolds(
      *english_, "Several payment methods, e.g. Klarna, stopped working. We need help.",
      {"Several payment methods, e.g. Klarna, stopped working.", "We need help."});
}

// An abbreviation is a whole word: German "lt." (laut) does not hold "bestellt." to the
// next sentence, nor does anything hold "war." (ICU's own suppressions match the end of
// any word, and its German list did), while an opening bracket or quote before an
// abbreviation or ordinal does not hide it.
TEST(GermanSentences, AbbreviationsAreWholeWords) {
  const SentenceSplitter german("de", builtin_pack().languages.at("de").abbreviations);
  EXPECT_EQ(
      sentences(german, "Wir haben eine Anbindung bestellt. Seit Januar fehlt sie."),
      (std::vector<std::string>{"Wir haben eine Anbindung bestellt.", "Seit Januar fehlt sie."}));
  EXPECT_EQ(sentences(german, "Das war. Es ist so. Mehr nicht."),
            (std::vector<std::string>{"Das war.", "Es ist so.", "Mehr nicht."}));
  EXPECT_EQ(sentences(german, "Es gilt lt. Vertrag. Mehr nicht."),
            (std::vector<std::string>{"Es gilt lt. Vertrag.", "Mehr nicht."}));
  EXPECT_EQ(
      sentences(german, "Der Go-live verschiebt sich vom <1. März> auf den (15. April). Gut."),
      (std::vector<std::string>{"Der Go-live verschiebt sich vom <1. März> auf den (15. April).",
                                "Gut."}));
}

TEST_F(SentencesTest, LineBreakBeforeLowerCaseWordIsJoined) {
  const std::string text = "We have asked the agency to fix the\ncheckout twice. It still fails.";
  EXPECT_EQ(sentences(*english_, text),
            (std::vector<std::string>{"We have asked the agency to fix the\ncheckout twice.",
                                      "It still fails."}));
}

TEST_F(SentencesTest, LineBreakBeforeUpperCaseWordEndsSentence) {
  const std::string text = "Order 1 failed\nOrder 2 failed too.";
  EXPECT_EQ(sentences(*english_, text),
            (std::vector<std::string>{"Order 1 failed", "Order 2 failed too."}));
}

TEST_F(SentencesTest, SplitStaysWithinSpan) {
  const std::string text = "Ignore me. Första meningen. Andra meningen. Ignore me too.";
  const Span first = testing_support::span_of(text, "Första");
  const Span within{first.begin, testing_support::span_of(text, " Ignore me too").begin};
  std::vector<std::string> got;
  for (const Span& s : swedish_->split(text, within)) got.push_back(text.substr(s.begin, s.size()));
  EXPECT_EQ(got, (std::vector<std::string>{"Första meningen.", "Andra meningen."}));
  EXPECT_TRUE(swedish_->split(text, {5, 5}).empty());
}

TEST_F(SentencesTest, SentenceAtFindsTheSentenceHoldingTheOffset) {
  const std::string text = "Kassan är nere. Vi ringde byrån t.ex. i går. Inget hände.";
  const Span all{0, text.size()};
  const Span s = swedish_->sentence_at(text, all, text.find("byrån"));
  EXPECT_EQ(text.substr(s.begin, s.size()), "Vi ringde byrån t.ex. i går.");
  const Span last = swedish_->sentence_at(text, all, text.find("hände"));
  EXPECT_EQ(text.substr(last.begin, last.size()), "Inget hände.");
}

TEST_F(SentencesTest, SentenceAtLooksOnlyInsideTheParagraph) {
  const std::string text = "First paragraph without a stop\n\nsecond paragraph continues here.";
  const Span s = english_->sentence_at(text, {0, text.size()}, text.find("continues"));
  EXPECT_EQ(text.substr(s.begin, s.size()), "second paragraph continues here.");
}

TEST(ParagraphAt, StopsAtBlankLines) {
  const std::string text =
      "First line one.\nfirst line two.\n\nSecond paragraph.\nStill second.\n  \t\nThird.";
  const Span all{0, text.size()};
  auto paragraph = [&](std::string_view at) {
    const Span p = paragraph_at(text, all, text.find(at));
    return text.substr(p.begin, p.size());
  };
  EXPECT_EQ(paragraph("line two"), "First line one.\nfirst line two.");
  EXPECT_EQ(paragraph("Second"), "Second paragraph.\nStill second.");
  EXPECT_EQ(paragraph("Still"), "Second paragraph.\nStill second.");
  EXPECT_EQ(paragraph("Third"), "Third.");
}

TEST(ParagraphAt, IsClippedToWithin) {
  const std::string text = "alpha beta gamma delta";
  const Span within{6, 16};  // "beta gamma"
  const Span p = paragraph_at(text, within, 11);
  EXPECT_EQ(p, within);
}

TEST(ParagraphAt, CrLfBlankLineEndsParagraph) {
  const std::string text = "One.\r\n\r\nTwo.\r\n";
  const Span p = paragraph_at(text, {0, text.size()}, text.find("Two"));
  EXPECT_EQ(text.substr(p.begin, p.size()), "Two.\r\n");  // to the end of `within`
}

}  // namespace
}  // namespace escalint
