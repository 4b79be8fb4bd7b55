// Negation and hypotheticals (rules/context_window.h) as the public Linter shows them:
// the partner-contact rule's status on drafts whose evidence is affirmed, negated,
// hypothetical or outside the writer's new text.
#include <gtest/gtest.h>

#include <string>

#include "lint/linter.h"
#include "test_support.h"

namespace escalint {
namespace {

using testing_support::check_body;
using testing_support::findings_of;

struct Case {
  const char* language;
  const char* body;
};

// Each test below compiles a language's rules once (the costly part, about half a
// second), so the cases of one kind share a test and say which case failed.

// ---- Negated or hypothetical contact: status "denied" ---------------------------------

TEST(PartnerContact, NegatedOrHypotheticalContactIsDenied) {
  for (const Case& c :
       {Case{"en", "We have not raised this with the agency yet."},
        Case{"en", "I was going to email them."},
        Case{"en", "We will contact the partner next week."},
        Case{"en", "We haven't contacted the agency about it."},
        // "yet" ends no clause; "that" before a noun is no complementizer.
        Case{"en", "We have not yet raised this matter with Meridian Systems."},
        Case{"en", "Before we have that conversation with Meridian, could you advise?"},
        Case{"sv", "Vi har inte pratat med byrån än."}, Case{"sv", "Vi kontaktade dem inte."},
        Case{"sv", "Jag ska mejla dem i eftermiddag."}}) {
    SCOPED_TRACE(std::string("[") + c.language + "] " + c.body);
    const DraftResult result = check_body(c.language, c.body);
    EXPECT_EQ(result.language, c.language);
    const auto found = findings_of(result, "partner-contact");
    ASSERT_EQ(found.size(), 1u) << "partner-contact should fire";
    EXPECT_EQ(found[0].status, "denied");
    EXPECT_FALSE(found[0].message.empty());
    EXPECT_TRUE(found[0].location.has_value()) << "a denied finding points at the sentence";
  }
}

// ---- Affirmed contact: the rule is satisfied --------------------------------------------

TEST(PartnerContact, AffirmedContactSatisfiesTheRule) {
  for (const Case& c :
       {Case{"en", "We raised this with the agency on 3 March."},
        Case{"en", "Not only did we call them, we also emailed them."},
        Case{"en", "After three calls with their PM nothing changed."},
        Case{"en", "We will not wait any longer, so I emailed the agency on 3 March."},
        Case{"sv", "Vi har inte bara ringt dem, vi har också mejlat."},
        Case{"sv", "Frågan lyftes på styrgruppsmötet."},
        Case{"sv", "Jag mejlade byrån den 3 mars."}}) {
    SCOPED_TRACE(std::string("[") + c.language + "] " + c.body);
    const auto found = findings_of(check_body(c.language, c.body), "partner-contact");
    EXPECT_TRUE(found.empty()) << "partner-contact fired with status '"
                               << (found.empty() ? "" : found[0].status) << "'";
  }
}

// A clause boundary written the usual way, right after a word ("longer:", "wait,"),
// ends the scope of a trigger before it, as " so " does above.
// (Regression: punctuation clause boundaries used to need a word edge before them, so
// "," ";" ":" only ended a clause when a space preceded them.)
TEST(PartnerContact, PunctuationEndsTheScopeOfANegation) {
  for (const Case& c : {Case{"en", "We will not wait any longer: I emailed the agency on 3 March."},
                        Case{"en", "We could not wait, I emailed the agency on 3 March."},
                        Case{"sv", "Vi kunde inte vänta längre; jag mejlade byrån den 3 mars."}}) {
    SCOPED_TRACE(std::string("[") + c.language + "] " + c.body);
    const auto found = findings_of(check_body(c.language, c.body), "partner-contact");
    EXPECT_TRUE(found.empty()) << "partner-contact fired with status '"
                               << (found.empty() ? "" : found[0].status) << "'";
  }
}

// ---- Missing altogether ------------------------------------------------------------------

TEST(PartnerContact, MissingWithoutAnyContact) {
  const DraftResult result =
      check_body("en", "Checkout has been broken since the release. Please help.");
  const auto found = findings_of(result, "partner-contact");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].status, "missing");
  EXPECT_FALSE(found[0].location.has_value()) << "a missing finding is about the whole draft";
}

TEST(PartnerContact, AffirmedContactAnywhereWinsOverDenied) {
  const DraftResult result = check_body(
      "en",
      "We will contact the partner again next week.\nI emailed the agency on 3 March already.");
  EXPECT_TRUE(findings_of(result, "partner-contact").empty());
}

// A firm denial ("not yet") says the step has not happened, whatever else the draft says
// about the partner; "they have not replied yet" is about their answer (excused_by
// partner-response), and a sentence that also affirms contact is no denial.
TEST(PartnerContact, AFirmDenialOutweighsContactElsewhere) {
  for (const Case& c :
       {Case{"en",
             "Last year we emailed the agency about the logo. We have not raised this checkout "
             "problem with them yet."},
        Case{"sv", "Vi mejlade byrån om loggan i fjol. Vi har inte pratat med dem om kassan än."},
        Case{"ja", "昨年、開発会社にメールしました。この件はまだ開発会社に連絡していません。"}}) {
    SCOPED_TRACE(std::string("[") + c.language + "] " + c.body);
    const auto found = findings_of(check_body(c.language, c.body), "partner-contact");
    ASSERT_EQ(found.size(), 1u) << "partner-contact should fire";
    EXPECT_EQ(found[0].status, "denied");
    ASSERT_TRUE(found[0].location.has_value());
    EXPECT_GT(found[0].location->position.byte_offset, 0u)
        << "the finding points at the denial, not at the draft's first sentence";
  }
  for (const Case& c : {Case{"en", "I emailed the agency on 3 March. They have not replied yet."},
                        Case{"en", "We emailed the agency twice, but we have not called them yet."},
                        Case{"sv", "Jag mejlade byrån den 3 mars. De har inte svarat än."}}) {
    SCOPED_TRACE(std::string("[") + c.language + "] " + c.body);
    const auto found = findings_of(check_body(c.language, c.body), "partner-contact");
    EXPECT_TRUE(found.empty()) << "partner-contact fired with status '"
                               << (found.empty() ? "" : found[0].status) << "'";
  }
}

// ---- Only the writer's new text is evidence ----------------------------------------------

TEST(PartnerContact, EvidenceInQuotedHistoryDoesNotCount) {
  const std::string body =
      "Checkout has been broken since the release. Please help.\n\n"
      "On Mon, 3 Mar 2025, Ann Berg <ann@example.com> wrote:\n"
      "I emailed the agency on 3 March and we raised it at the steering group meeting.\n";
  const auto found = findings_of(check_body("en", body), "partner-contact");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].status, "missing");

  // Control: the same sentence in the new text satisfies the rule.
  const std::string own =
      "Checkout has been broken since the release. Please help.\n"
      "I emailed the agency on 3 March and we raised it at the steering group meeting.\n";
  EXPECT_TRUE(findings_of(check_body("en", own), "partner-contact").empty());
}

TEST(PartnerContact, EvidenceInGreaterThanQuoteDoesNotCount) {
  const std::string body =
      "Kassan har varit trasig sedan releasen.\n\n> Jag mejlade byrån den 3 mars.\n";
  const auto found = findings_of(check_body("sv", body), "partner-contact");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].status, "missing");
}

TEST(PartnerContact, EvidenceInSignatureDoesNotCount) {
  const std::string body =
      "Checkout has been broken since the release. Please help.\n\n"
      "-- \nAnn Berg\nI emailed the agency on 3 March.\n";
  const auto found = findings_of(check_body("en", body), "partner-contact");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].status, "missing");
}

// ---- Where a denied finding points ---------------------------------------------------------

TEST(PartnerContact, DeniedFindingPointsAtTheSentence) {
  const std::string body =
      "Checkout is broken.\nSince Monday, nothing. We have not raised this with the agency yet.\n";
  const auto found = findings_of(check_body("en", body), "partner-contact");
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found[0].status, "denied");
  ASSERT_TRUE(found[0].location.has_value());
  const Location& loc = *found[0].location;
  const std::string sentence = "We have not raised this with the agency yet.";
  EXPECT_EQ(loc.field, "body");
  EXPECT_EQ(loc.position.line, 2u);
  EXPECT_EQ(loc.position.column, std::string("Since Monday, nothing. ").size() + 1);
  EXPECT_EQ(loc.position.end_line, 2u);
  EXPECT_EQ(loc.position.byte_offset, body.find(sentence));
  EXPECT_EQ(loc.position.byte_length, sentence.size());
  EXPECT_EQ(loc.line_text, "Since Monday, nothing. We have not raised this with the agency yet.");
}

TEST(PartnerContact, DeniedFindingColumnsCountCodePoints) {
  const std::string body = "Kassan är trasig.\nÄntligen: vi har inte pratat med byrån än.\n";
  const auto found = findings_of(check_body("sv", body), "partner-contact");
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found[0].status, "denied");
  ASSERT_TRUE(found[0].location.has_value());
  const Position& p = found[0].location->position;
  EXPECT_EQ(p.line, 2u);
  // The sentence is the whole second line: "Äntligen:" does not end it.
  EXPECT_EQ(p.column, 1u);
  EXPECT_EQ(p.byte_offset, body.find("Äntligen"));
  // "Äntligen: vi har inte pratat med byrån än." is 42 code points; end_column is exclusive.
  EXPECT_EQ(p.end_column, 43u);
}

}  // namespace
}  // namespace escalint

namespace escalint {
namespace {

// attachment-missing needs a source that lists attachments: plain text says nothing.
TEST(AttachmentMissing, FiresOnlyWhenTheMessageIsKnownToCarryNone) {
  const std::string body = "Please see the attached screenshot of the error.";
  Draft text;
  text.source = "draft.txt";
  text.body = body;
  Draft mail = text;
  mail.source = "draft.eml";
  mail.attachments_known = true;
  Draft with_file = mail;
  with_file.attachments.push_back({"error.png", "image/png", 2048});
  const Linter& linter = testing_support::linter_for("en");
  EXPECT_TRUE(testing_support::findings_of(linter.check(text), "attachment-missing").empty());
  EXPECT_EQ(testing_support::findings_of(linter.check(mail), "attachment-missing").size(), 1u);
  EXPECT_TRUE(testing_support::findings_of(linter.check(with_file), "attachment-missing").empty());
}

}  // namespace
}  // namespace escalint
