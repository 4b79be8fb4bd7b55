#include "text/regions.h"

#include <gtest/gtest.h>

#include <string>

#include "test_support.h"

namespace escalint {
namespace {

using testing_support::builtin_pack;

class RegionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { detector_ = new RegionDetector(builtin_pack()); }
  static void TearDownTestSuite() {
    delete detector_;
    detector_ = nullptr;
  }

  // Detects the regions of `text` and checks that they cover it in order.
  static TextField Detect(const std::string& text) {
    TextField field("body", text);
    field.set_regions(detector_->detect(field, detector_->all_markers()));
    std::size_t at = 0;
    for (const Region& r : field.regions()) {
      EXPECT_EQ(r.span.begin, at) << "regions must be contiguous";
      if (!text.empty()) {
        EXPECT_LT(r.span.begin, r.span.end) << "regions must not be empty";
      }
      at = r.span.end;
    }
    EXPECT_EQ(at, text.size()) << "regions must cover the whole text";
    return field;
  }

  // The kind of the region holding the first byte of `needle` (and the last byte too).
  static std::string KindOf(const TextField& field, std::string_view needle) {
    const Span s = testing_support::span_of(field.text(), needle);
    std::string kind = "none", last_kind = "none";
    for (const Region& r : field.regions()) {
      if (r.span.contains(s.begin)) kind = region_kind_name(r.kind);
      if (r.span.contains(s.end - 1)) last_kind = region_kind_name(r.kind);
    }
    EXPECT_EQ(kind, last_kind) << "'" << needle << "' spans two regions";
    return kind;
  }

  static RegionDetector* detector_;
};

RegionDetector* RegionsTest::detector_ = nullptr;

TEST_F(RegionsTest, PlainTextIsAllNew) {
  const TextField f = Detect("Hi,\n\nCheckout is broken since Monday.\nPlease help.\n");
  ASSERT_EQ(f.regions().size(), 1u);
  EXPECT_EQ(f.regions()[0].kind, RegionKind::kNew);
}

TEST_F(RegionsTest, EmptyTextHasNoNewText) {
  const TextField f = Detect("");
  EXPECT_TRUE(f.new_text().empty());
}

TEST_F(RegionsTest, GreaterThanLinesAreQuoted) {
  const TextField f = Detect(
      "My answer is below.\n> Their earlier mail\n>> and older mail\n  > indented quote\nBack to "
      "me.\n");
  EXPECT_EQ(KindOf(f, "My answer"), "new");
  EXPECT_EQ(KindOf(f, "Their earlier"), "quoted");
  EXPECT_EQ(KindOf(f, "older mail"), "quoted");
  EXPECT_EQ(KindOf(f, "indented quote"), "quoted");
  EXPECT_EQ(KindOf(f, "Back to me."), "new");
  ASSERT_EQ(f.new_text().size(), 2u);
  EXPECT_EQ(f.view(f.new_text()[0]), "My answer is below.\n");
  EXPECT_EQ(f.view(f.new_text()[1]), "Back to me.\n");
}

TEST_F(RegionsTest, EnglishReplyHeaderStartsQuotedHistory) {
  const TextField f = Detect(
      "New text here.\n\nOn Mon, 3 Mar 2025, Ann <a@b.se> wrote:\nOld text, not quoted with "
      ">.\n\nMore old text.\n");
  EXPECT_EQ(KindOf(f, "New text"), "new");
  EXPECT_EQ(KindOf(f, "On Mon"), "quoted");
  EXPECT_EQ(KindOf(f, "Old text"), "quoted");
  EXPECT_EQ(KindOf(f, "More old text."), "quoted");
}

TEST_F(RegionsTest, ReplyHeaderSplitOverTwoLines) {
  const TextField f = Detect(
      "New text here.\n\nOn Mon, 3 Mar 2025, Ann Berg <ann@example.com>\nwrote:\nOld text.\n");
  EXPECT_EQ(KindOf(f, "New text"), "new");
  EXPECT_EQ(KindOf(f, "On Mon"), "quoted");
  EXPECT_EQ(KindOf(f, "wrote:"), "quoted");
  EXPECT_EQ(KindOf(f, "Old text."), "quoted");
}

TEST_F(RegionsTest, SwedishReplyHeaderStartsQuotedHistory) {
  const TextField f = Detect("Ny text.\n\nDen 3 mars 2025 skrev Anna:\nGammal text.\n");
  EXPECT_EQ(KindOf(f, "Ny text"), "new");
  EXPECT_EQ(KindOf(f, "Den 3 mars"), "quoted");
  EXPECT_EQ(KindOf(f, "Gammal text."), "quoted");
}

TEST_F(RegionsTest, EnglishForwardedHistory) {
  const TextField f =
      Detect("See below.\n\n-----Original Message-----\nFrom: Ann\nThe old mail.\n");
  EXPECT_EQ(KindOf(f, "See below."), "new");
  EXPECT_EQ(KindOf(f, "-----Original"), "forwarded");
  EXPECT_EQ(KindOf(f, "The old mail."), "forwarded");
}

TEST_F(RegionsTest, SwedishForwardedHistory) {
  const TextField f =
      Detect("Se nedan.\n\n-----Ursprungligt meddelande-----\nFrån: Anna\nDet gamla mejlet.\n");
  EXPECT_EQ(KindOf(f, "Se nedan."), "new");
  EXPECT_EQ(KindOf(f, "-----Ursprungligt"), "forwarded");
  EXPECT_EQ(KindOf(f, "Det gamla mejlet."), "forwarded");
}

TEST_F(RegionsTest, OutlookHeaderBlock) {
  const TextField f = Detect(
      "Please see the thread.\n\nFrom: Ann Berg <ann@example.com>\nSent: Monday, March 3, 2025 "
      "10:12\nTo: Support\n"
      "Subject: Checkout\n\nThe old mail.\n");
  EXPECT_EQ(KindOf(f, "Please see"), "new");
  EXPECT_EQ(KindOf(f, "From: Ann"), "quoted");
  EXPECT_EQ(KindOf(f, "Sent: Monday"), "quoted");
  EXPECT_EQ(KindOf(f, "The old mail."), "quoted");
}

TEST_F(RegionsTest, SwedishOutlookHeaderBlock) {
  const TextField f = Detect(
      "Se tråden.\n\nFrån: Anna Berg <anna@example.se>\nSkickat: den 3 mars 2025 10:12\nTill: "
      "Support\n"
      "Ämne: Kassan\n\nDet gamla mejlet.\n");
  EXPECT_EQ(KindOf(f, "Se tråden."), "new");
  EXPECT_EQ(KindOf(f, "Från: Anna"), "quoted");
  EXPECT_EQ(KindOf(f, "Det gamla mejlet."), "quoted");
}

TEST_F(RegionsTest, FromLineWithoutHeaderFieldsIsNewText) {
  const TextField f = Detect(
      "From: our side everything is ready.\nThe partner has not delivered.\n\nThanks again for the "
      "help with this.\n");
  EXPECT_EQ(KindOf(f, "From: our side"), "new");
  EXPECT_EQ(KindOf(f, "The partner"), "new");
}

TEST_F(RegionsTest, DashDashSpaceStartsSignature) {
  const TextField f = Detect("Checkout is broken.\n\n-- \nAnn Berg\nShop AB\n");
  EXPECT_EQ(KindOf(f, "Checkout"), "new");
  EXPECT_EQ(KindOf(f, "-- "), "signature");
  EXPECT_EQ(KindOf(f, "Ann Berg"), "signature");
  EXPECT_EQ(KindOf(f, "Shop AB"), "signature");
}

TEST_F(RegionsTest, ClosingFollowedByShortLinesIsSignature) {
  const TextField f = Detect("Checkout is broken.\n\nBest regards,\nAnn\nCEO\n+46 70 123 45 67\n");
  EXPECT_EQ(KindOf(f, "Checkout"), "new");
  EXPECT_EQ(KindOf(f, "Best regards,"), "signature");
  EXPECT_EQ(KindOf(f, "Ann"), "signature");
  EXPECT_EQ(KindOf(f, "CEO"), "signature");
  EXPECT_EQ(KindOf(f, "+46 70"), "signature");
}

TEST_F(RegionsTest, SwedishClosingIsSignature) {
  const TextField f =
      Detect("Kassan är trasig.\n\nMed vänliga hälsningar\nAnna Berg\nVD, Butik AB\n");
  EXPECT_EQ(KindOf(f, "Kassan"), "new");
  EXPECT_EQ(KindOf(f, "Med vänliga hälsningar"), "signature");
  EXPECT_EQ(KindOf(f, "Anna Berg"), "signature");
}

TEST_F(RegionsTest, SentFromMyIphoneIsSignature) {
  const TextField f = Detect("Checkout is broken.\n\nSent from my iPhone\n");
  EXPECT_EQ(KindOf(f, "Checkout"), "new");
  EXPECT_EQ(KindOf(f, "Sent from my iPhone"), "signature");
}

TEST_F(RegionsTest, SkickatFranMinIphoneIsSignature) {
  const TextField f = Detect("Kassan är trasig.\n\nSkickat från min iPhone\n");
  EXPECT_EQ(KindOf(f, "Kassan"), "new");
  EXPECT_EQ(KindOf(f, "Skickat från min iPhone"), "signature");
}

TEST_F(RegionsTest, DisclaimerParagraph) {
  const TextField f = Detect(
      "Checkout is broken.\n\nThis email and any attachments are confidential and intended solely "
      "for the addressee.\n"
      "If you are not the intended recipient, delete it.\n");
  EXPECT_EQ(KindOf(f, "Checkout"), "new");
  EXPECT_EQ(KindOf(f, "This email and any"), "disclaimer");
  EXPECT_EQ(KindOf(f, "delete it."), "disclaimer");
}

TEST_F(RegionsTest, DisclaimerWordsInsideAParagraphAreNewText) {
  // Disclaimer markers only count at the start of a paragraph.
  const TextField f = Detect("Checkout is broken and\nif you are not sure, ask the agency.\n");
  EXPECT_EQ(KindOf(f, "if you are not sure"), "new");
}

TEST_F(RegionsTest, InheritedSubjectLine) {
  const TextField f = Detect("Subject: Re: Checkout broken\n\nStill broken.\n");
  EXPECT_EQ(KindOf(f, "Subject: Re:"), "inherited-subject");
  EXPECT_EQ(KindOf(f, "Still broken."), "new");
  const TextField sv = Detect("Ämne: SV: Kassan\n\nFortfarande trasig.\n");
  EXPECT_EQ(KindOf(sv, "Ämne: SV:"), "inherited-subject");
  EXPECT_EQ(KindOf(sv, "Fortfarande"), "new");
}

TEST_F(RegionsTest, OwnSubjectLineIsNewText) {
  const TextField f = Detect("Subject: Checkout broken since the release\n\nStill broken.\n");
  EXPECT_EQ(KindOf(f, "Subject: Checkout"), "new");
}

TEST_F(RegionsTest, InheritedSubjectOfSeparateSubjectField) {
  EXPECT_TRUE(detector_->inherited_subject("Re: Checkout broken", detector_->all_markers()));
  EXPECT_TRUE(detector_->inherited_subject("SV: Kassan", detector_->all_markers()));
  EXPECT_TRUE(detector_->inherited_subject("Fwd: Checkout", detector_->all_markers()));
  EXPECT_FALSE(detector_->inherited_subject("Checkout broken", detector_->all_markers()));
  EXPECT_FALSE(detector_->inherited_subject("Regression in checkout", detector_->all_markers()));
}

TEST_F(RegionsTest, ClosingFollowedByLongParagraphIsNotSignature) {
  const std::string text =
      "Hi,\n\nThanks!\n\n"
      "Since the release on 3 March the checkout has failed for roughly one in ten customers, and "
      "the agency "
      "has not explained why.\n"
      "We need this fixed before the campaign starts.\n";
  const TextField f = Detect(text);
  EXPECT_EQ(KindOf(f, "Thanks!"), "new");
  EXPECT_EQ(KindOf(f, "Since the release"), "new");
  EXPECT_EQ(KindOf(f, "We need this fixed"), "new");
}

TEST_F(RegionsTest, ClosingFollowedByManyLinesIsNotSignature) {
  std::string text = "Best regards,\n";
  for (int i = 0; i < 12; ++i) text += "Line " + std::to_string(i) + " of the report.\n";
  const TextField f = Detect(text);
  EXPECT_EQ(KindOf(f, "Best regards,"), "new");
  EXPECT_EQ(KindOf(f, "Line 11"), "new");
}

TEST_F(RegionsTest, SignatureBeforeQuotedHistory) {
  const TextField f = Detect(
      "Checkout is broken.\n\nBest regards,\nAnn\n\nOn Mon, 3 Mar 2025, Bo <bo@agency.example> "
      "wrote:\n> Old.\n");
  EXPECT_EQ(KindOf(f, "Checkout"), "new");
  EXPECT_EQ(KindOf(f, "Ann"), "signature");
  EXPECT_EQ(KindOf(f, "On Mon"), "quoted");
  EXPECT_EQ(KindOf(f, "Old."), "quoted");
}

}  // namespace
}  // namespace escalint
