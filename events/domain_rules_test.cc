#include "events/domain_rules.h"

#include <gtest/gtest.h>

#include "tests/support/event_builders.h"

namespace cjl::events {
namespace {

using namespace cjl::testing;

class DomainRulesTest : public ::testing::Test {
 protected:
  std::vector<FieldError> Check(const Event& candidate) {
    std::vector<PriorFact> facts;
    for (const auto& e : history_) facts.push_back(PriorFact::Of(e));
    return CheckAgainstHistory(facts, candidate);
  }
  static bool Has(const std::vector<FieldError>& errors, const std::string& fragment) {
    for (const auto& e : errors) {
      if (e.message.find(fragment) != std::string::npos) return true;
    }
    return false;
  }
  std::vector<Event> history_;
};

TEST_F(DomainRulesTest, PlacementMoveNeedsAnOpenPeriodOfCare) {
  auto errors = Check(Moved("m1", "C000123", "2022-05-01", "U1", "k2"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message,
            "PlacementMoved on 2022-05-01: child C000123 has no open period of care");
}

TEST_F(DomainRulesTest, EveryInCareFactNeedsAnOpenPeriod) {
  for (EventType t :
       {EventType::kLegalStatusChanged, EventType::kReviewHeld, EventType::kPermanencePlanRecorded,
        EventType::kPlacementOrderMade, EventType::kPlacedForAdoption,
        EventType::kAdoptionOrderGranted, EventType::kSpecialGuardianshipOrderGranted,
        EventType::kChildArrangementsOrderGranted, EventType::kPeriodOfCareEnded}) {
    EXPECT_TRUE(Has(Check(MakeEvent("x", t, "C", "2022-05-01")), "no open period of care"))
        << EventTypeName(t);
  }
}

TEST_F(DomainRulesTest, NoSecondPeriodWhileOneIsOpen) {
  history_.push_back(CareStarted("s1", "C", "2022-01-10"));
  EXPECT_TRUE(Has(Check(CareStarted("s2", "C", "2022-03-01")),
                  "already has a period of care open since 2022-01-10"));
  history_.push_back(CareEnded("e1", "C", "2022-02-01"));
  EXPECT_TRUE(Check(CareStarted("s2", "C", "2022-03-01")).empty());
}

TEST_F(DomainRulesTest, BackDatedEventIsCheckedWhereItFalls) {
  history_.push_back(CareStarted("s1", "C", "2022-01-10"));
  history_.push_back(CareEnded("e1", "C", "2022-06-01"));
  // Inside the period: fine, though it arrives after the end.
  EXPECT_TRUE(Check(Moved("m1", "C", "2022-03-01", "U2", "k2")).empty());
  // Before the period started, or after it ended: no open period on that date.
  EXPECT_FALSE(Check(Moved("m2", "C", "2022-01-09", "U2", "k2")).empty());
  EXPECT_FALSE(Check(Moved("m3", "C", "2022-06-02", "U2", "k2")).empty());
}

TEST_F(DomainRulesTest, AnEarlierPeriodCanBeBackFilledOneFactAtATime) {
  // Each fact is judged where it falls: a start before the open period (nothing open on
  // its date), then its end (the back-filled period is open on that date). Judging a
  // start by the later facts it would enclose instead made back-filling impossible.
  history_.push_back(CareStarted("s1", "C", "2019-01-01"));
  EXPECT_TRUE(Check(CareStarted("s0", "C", "2018-01-01")).empty());
  history_.push_back(CareStarted("s0", "C", "2018-01-01"));
  EXPECT_TRUE(Check(CareEnded("e0", "C", "2018-06-01")).empty());
}

TEST_F(DomainRulesTest, NothingBeforeTheDateOfBirth) {
  history_.push_back(Registered("r1", "C", "2020-01-05", "2020-01-01"));
  EXPECT_TRUE(Has(Check(MakeEvent("x", EventType::kChildReferred, "C", "2019-12-31")),
                  "before child C's date of birth 2020-01-01"));
  EXPECT_TRUE(Check(MakeEvent("x", EventType::kChildReferred, "C", "2020-01-01")).empty());
}

TEST_F(DomainRulesTest, RegistrationAfterRecordedFactsIsRejected) {
  history_.push_back(MakeEvent("x", EventType::kChildReferred, "C", "2019-12-31"));
  EXPECT_TRUE(
      Has(Check(Registered("r1", "C", "2020-01-05", "2020-01-01")), "is after the child's"));
}

TEST_F(DomainRulesTest, RetractionMustTargetAnEventOfTheSameChild) {
  history_.push_back(CareStarted("s1", "C", "2022-01-10"));
  EXPECT_TRUE(Check(Retracted("r1", "C", "2022-02-01", "s1")).empty());
  EXPECT_TRUE(Has(Check(Retracted("r2", "C", "2022-02-01", "other-child-event")),
                  "no event \"other-child-event\" in child C's stream"));
  history_.push_back(Retracted("r1", "C", "2022-02-01", "s1"));
  EXPECT_TRUE(Has(Check(Retracted("r3", "C", "2022-02-01", "r1")), "cannot be retracted"));
}

TEST_F(DomainRulesTest, RetractedFactsAreAsIfNeverRecorded) {
  history_.push_back(CareStarted("s1", "C", "2022-01-10"));
  history_.push_back(Retracted("r1", "C", "2022-02-01", "s1"));
  EXPECT_TRUE(Has(Check(Moved("m1", "C", "2022-03-01", "U2", "k2")), "no open period of care"));
  EXPECT_TRUE(Check(CareStarted("s2", "C", "2022-01-11")).empty());
}

TEST_F(DomainRulesTest, SameDayEndThenStartIsAllowed) {
  history_.push_back(CareStarted("s1", "C", "2022-01-10"));
  history_.push_back(CareEnded("e1", "C", "2022-02-01"));
  EXPECT_TRUE(Check(CareStarted("s2", "C", "2022-02-01")).empty());
}

TEST_F(DomainRulesTest, AnOpenPeriodIsTheOneStartedAfterTheLastEnd) {
  // Recorded out of date order: the later period first, then the earlier one back-filled.
  history_.push_back(CareStarted("s2", "C", "2022-01-10"));
  history_.push_back(CareStarted("s1", "C", "2021-01-01"));
  history_.push_back(CareEnded("e1", "C", "2021-06-01"));
  EXPECT_TRUE(Has(Check(CareStarted("s3", "C", "2022-05-01")),
                  "already has a period of care open since 2022-01-10"));
  EXPECT_TRUE(Has(Check(CareStarted("s3", "C", "2021-03-01")),
                  "already has a period of care open since 2021-01-01"));
  EXPECT_TRUE(Check(CareStarted("s3", "C", "2021-09-01")).empty());
  // A same-day end recorded after a start closes the period from that day.
  history_.push_back(CareEnded("e2", "C", "2022-01-10"));
  EXPECT_TRUE(Has(Check(Moved("m1", "C", "2022-01-10", "U2", "k2")), "no open period of care"));
}

TEST_F(DomainRulesTest, APeriodOpenedWithItsEarliestStart) {
  history_.push_back(CareStarted("s1", "C", "2022-01-10"));
  history_.push_back(CareStarted("s0", "C", "2021-06-01"));  // back-dated: nothing open then
  EXPECT_TRUE(Has(Check(CareStarted("s2", "C", "2022-05-01")),
                  "already has a period of care open since 2021-06-01"));
}

TEST_F(DomainRulesTest, ASameDayStartRecordedAfterAnEndReopens) {
  history_.push_back(CareStarted("s1", "C", "2022-01-10"));
  history_.push_back(CareEnded("e1", "C", "2022-03-01"));
  history_.push_back(CareStarted("s2", "C", "2022-03-01"));
  EXPECT_TRUE(Check(Moved("m1", "C", "2022-03-01", "U2", "k2")).empty());
  EXPECT_TRUE(Has(Check(CareStarted("s3", "C", "2022-04-01")),
                  "already has a period of care open since 2022-03-01"));
}

TEST_F(DomainRulesTest, RetractingAnEndReopensThePeriod) {
  history_.push_back(CareStarted("s1", "C", "2022-01-10"));
  history_.push_back(CareEnded("e1", "C", "2022-02-01"));
  EXPECT_TRUE(Has(Check(Moved("m1", "C", "2022-03-01", "U2", "k2")), "no open period of care"));
  history_.push_back(Retracted("r1", "C", "2022-02-02", "e1"));
  EXPECT_TRUE(Check(Moved("m1", "C", "2022-03-01", "U2", "k2")).empty());
  EXPECT_TRUE(Has(Check(CareStarted("s2", "C", "2022-03-01")),
                  "already has a period of care open since 2022-01-10"));
}

}  // namespace
}  // namespace cjl::events
