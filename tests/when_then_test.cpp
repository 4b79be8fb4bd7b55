// when-then rules (rules/rule_pack.h) through the built-in scope-timeline rule: the
// consequence must lie in the trigger's sentence or the `then_within` sentences after it.
#include <gtest/gtest.h>

#include <string>

#include "test_support.h"

namespace escalint {
namespace {

using testing_support::check_body;
using testing_support::findings_of;

bool timeline_missing(const std::string& language, const std::string& body) {
  return !findings_of(check_body(language, body), "scope-timeline").empty();
}

TEST(WhenThen, ConsequenceNearTheTriggerSatisfiesTheRule) {
  EXPECT_FALSE(timeline_missing(
      "en", "We added a B2B portal to the scope in CR-4. This moved go-live to September."));
  EXPECT_FALSE(timeline_missing(
      "sv", "Vi lade till en B2B-portal i CR-4. Det flyttade lanseringen till september."));
}

TEST(WhenThen, NoTriggerNoFinding) {
  EXPECT_FALSE(timeline_missing("en", "Checkout fails for card payments."));
}

TEST(WhenThen, ADeadlineBeforeTheTriggerIsNotAboutIt) {
  EXPECT_TRUE(timeline_missing(
      "en",
      "Our deadline is close.\n\nWe added a B2B portal to the scope in CR-4, and the "
      "checkout has failed since."));
  EXPECT_TRUE(timeline_missing("sv",
                               "Vi har en deadline som närmar sig.\n\nVi lade till en "
                               "B2B-portal i CR-4, och kassan har krånglat sedan dess."));
}

TEST(WhenThen, ADeadlineFarAfterTheTriggerIsNotAboutIt) {
  const std::string far =
      "We added a B2B portal to the scope in CR-4. Checkout fails. Search is slow. The admin "
      "times out. Emails bounce. Stock is wrong. Our deadline is close.";
  EXPECT_TRUE(timeline_missing("en", far));
  const std::string near =
      "We added a B2B portal to the scope in CR-4. Checkout fails. Our deadline is close.";
  EXPECT_FALSE(timeline_missing("en", near));
}

// The consequence must be about the schedule: a shift names what moved or to when, a
// date names what happens then, and a fix's date is not the project's timeline.
TEST(WhenThen, AShiftOrADateCountsOnlyWithWhatMoves) {
  EXPECT_TRUE(timeline_missing(
      "en",
      "We added a fair amount to the project. I suspect that is why the original items "
      "slipped."));
  EXPECT_FALSE(timeline_missing(
      "en", "We added a fair amount to the project. I suspect that is why the launch slipped."));
  EXPECT_FALSE(timeline_missing(
      "en", "We added gifting to the scope and agreed to move launch from 1 March to 12 April."));
}

TEST(WhenThen, AFixDateOrAnEventThatDatesTheProblemIsNoTimeline) {
  EXPECT_TRUE(timeline_missing(
      "en",
      "We added a B2B portal to the scope. A fix for the checkout is scheduled for 28 March."));
  EXPECT_TRUE(timeline_missing(
      "en",
      "We added BOPIS to the engagement. Since the BOPIS release on August 19 orders are "
      "stuck."));
}

TEST(WhenThen, TheTriggersOwnWordsAreNoConsequence) {
  // "extended" is a shift and "project" what moves, but "extended" is the trigger's.
  EXPECT_TRUE(timeline_missing("en", "We extended the scope of the project."));
  EXPECT_FALSE(timeline_missing(
      "en", "We added gifting to the scope, so the launch moved from 1 March to 12 April."));
}

// partner-contact reads scope-timeline's triggers (`not_in_trigger_of`): asking the
// partner to add a deliverable is not raising the problem with them.
TEST(WhenThen, AnAdditionAskedOfThePartnerIsNoContact) {
  const auto contact_missing = [](const std::string& body) {
    return !findings_of(check_body("en", body), "partner-contact").empty();
  };
  EXPECT_TRUE(contact_missing(
      "We asked the agency to add a B2B portal to the scope, which moved go-live to June. "
      "Checkout fails."));
  EXPECT_FALSE(contact_missing(
      "We asked the agency to add a B2B portal to the scope, which moved go-live to June. "
      "I emailed the agency about the failing checkout on 3 May."));
}

}  // namespace
}  // namespace escalint
