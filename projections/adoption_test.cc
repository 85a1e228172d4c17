// Tests of adoption timelines: A1, A10 (walking back to when the child moved in with its
// foster carers), A2 and the readings on missing data (METRICS.md s4, readings 9-11).
#include "projections/adoption.h"

#include <gtest/gtest.h>

#include "projections/test_events.h"

namespace cjl::projections {
namespace {

using testing::Child;
using testing::D;
using testing::EventLog;

std::optional<AdoptionTimeline> Last(EventLog& log) {
  return LastAdoptionBetween(BuildJourney(log.Facts("C1"), D("2022-03-31")), D("2019-04-01"),
                             D("2022-03-31"));
}

TEST(Adoption, A10WalksBackThroughSameCarerStatusChangesAndTemporaryPlacements) {
  EventLog log;
  // Entered 2019-01-01 with F1; moved to F2 on 2019-03-01; F2 became long-term (U5)
  // 2019-06-01; placement order 2019-08-01; a hospital stay 2019-09-01..2019-09-10 back to F2;
  // placed for adoption with F2 (A5) on 2020-01-01; adopted 2020-10-01.
  Child(log, "C1")
      .Starts("2019-01-01", "C2", "U4", "F1")
      .Moves("2019-03-01", "U4", "F2")
      .Moves("2019-06-01", "U5", "F2", "")
      .PlacementOrder("2019-08-01")
      .MovesTemporarily("2019-09-01", "T2", "HOSPITAL")
      .MovesTemporarily("2019-09-10", "U5", "F2")
      .Matched("2019-11-01")
      .PlacedForAdoption("2020-01-01", "A5", "F2")
      .Adopted("2020-10-01");
  const auto t = Last(log);
  ASSERT_TRUE(t.has_value());
  EXPECT_TRUE(t->by_foster_carers);
  EXPECT_EQ(t->placed, D("2020-01-01"));
  EXPECT_EQ(t->moved_in, D("2019-03-01"));
  EXPECT_EQ(t->a1_days, 365);  // 2019-01-01 -> 2020-01-01
  EXPECT_EQ(t->a10_days, 59);  // 2019-01-01 -> 2019-03-01 = 31 + 28
  EXPECT_EQ(t->a2_days, 92);   // 2019-08-01 -> 2019-11-01 = 31 + 30 + 31
}

TEST(Adoption, AdoptionRecordedAsByFosterCarersWalksBackToo) {
  EventLog log;
  // Placed A4 but with the same carer id as the foster placement, recorded by foster carers.
  Child(log, "C1")
      .Starts("2019-01-01", "C2", "U4", "F1")
      .PlacedForAdoption("2019-07-01", "A6", "F1")
      .Adopted("2020-10-01", true);
  const auto t = Last(log);
  ASSERT_TRUE(t.has_value());
  EXPECT_TRUE(t->by_foster_carers);
  EXPECT_EQ(t->a10_days, 0);
  EXPECT_EQ(t->a1_days, 181);  // 2019-01-01 -> 2019-07-01
}

TEST(Adoption, A2LeavesOutAChildNotPlacedBeforeTheAdoptionOrder) {
  // Order 2019-09-01, match 2020-03-01, adopted 2021-01-01, placed with the adopters on
  // `placed`.
  auto placed_on = [](const char* placed) {
    EventLog log;
    Child(log, "C1")
        .Starts("2019-05-01", "C2", "U4", "F1")
        .PlacementOrder("2019-09-01")
        .Matched("2020-03-01")
        .PlacedForAdoption(placed, "A6", "Z")
        .Adopted("2021-01-01");
    return Last(log);
  };
  // Placed on the adoption order's day: "not placed before the adoption order", no A2.
  const auto same_day = placed_on("2021-01-01");
  ASSERT_TRUE(same_day.has_value());
  EXPECT_FALSE(same_day->a2_days.has_value());
  // Placed the day before: A2 = 2019-09-01 -> 2020-03-01 = 30+31+30+31+31+29 = 182.
  const auto placed_before = placed_on("2020-12-31");
  ASSERT_TRUE(placed_before.has_value());
  EXPECT_EQ(placed_before->a2_days, 182);
}

TEST(Adoption, NewAdoptersGiveA10EqualToA1) {
  EventLog log;
  Child(log, "C1")
      .Starts("2019-01-01", "C2", "U4", "F1")
      .PlacedForAdoption("2019-07-01", "A4", "ADOPTERS")
      .Adopted("2020-10-01");
  const auto t = Last(log);
  EXPECT_FALSE(t->by_foster_carers);
  EXPECT_EQ(t->a10_days, t->a1_days);
}

TEST(Adoption, NoAdoptivePlacementMeansAdoptedWithoutA1OrA2) {
  EventLog log;
  Child(log, "C1")
      .Starts("2019-01-01", "C2", "U4", "F1")
      .PlacementOrder("2019-05-01")
      .Matched("2019-06-01")
      .Adopted("2020-10-01");
  const auto t = Last(log);
  ASSERT_TRUE(t.has_value());
  EXPECT_FALSE(t->a1_days.has_value());
  EXPECT_FALSE(t->a10_days.has_value());
  EXPECT_FALSE(t->a2_days.has_value());
}

TEST(Adoption, NoPlacementOrderOrNoMatchLeavesTheChildOutOfA2) {
  EventLog log;
  Child(log, "C1")
      .Starts("2019-01-01", "C2", "U4", "F1")
      .PlacedForAdoption("2019-07-01", "A3", "F1")
      .Adopted("2020-10-01");
  EXPECT_FALSE(Last(log)->a2_days.has_value());
  EventLog no_match;
  Child(no_match, "C1")
      .Starts("2019-01-01", "C2", "U4", "F1")
      .PlacementOrder("2019-05-01")
      .PlacedForAdoption("2019-07-01", "A4", "AD")
      .Adopted("2020-10-01");
  EXPECT_FALSE(Last(no_match)->a2_days.has_value());
}

TEST(Adoption, MatchIsTheLatestInThePeriodElseTheLatestRecordedAtAll) {
  EventLog log;
  Child(log, "C1")
      .Matched("2018-12-01")  // before care: used only if none in the period
      .Starts("2019-01-01", "C2", "U4", "F1")
      .PlacementOrder("2019-05-01")
      .Matched("2019-06-01")
      .Matched("2019-07-01")
      .PlacedForAdoption("2019-08-01", "A4", "AD")
      .Adopted("2020-10-01");
  EXPECT_EQ(Last(log)->matched, D("2019-07-01"));
  EventLog outside;
  Child(outside, "C1")
      .Matched("2018-12-01")
      .Starts("2019-01-01", "C2", "U4", "F1")
      .PlacementOrder("2019-05-01")
      .PlacedForAdoption("2019-08-01", "A4", "AD")
      .Adopted("2020-10-01");
  EXPECT_EQ(Last(outside)->matched, D("2018-12-01"));
  EXPECT_EQ(Last(outside)->a2_days, 0);  // matched before the order
}

TEST(Adoption, ChildAdoptedTwiceInTheWindowCountsByTheLastAdoption) {
  EventLog log;
  Child(log, "C1")
      .Starts("2019-05-01", "C2", "U4", "F1")
      .PlacedForAdoption("2019-06-01", "A4", "AD1")
      .Adopted("2019-12-01")
      .Starts("2020-06-01", "C2", "U4", "F2")
      .PlacedForAdoption("2020-08-01", "A4", "AD2")
      .Adopted("2021-02-01");
  const auto t = Last(log);
  EXPECT_EQ(t->adopted, D("2021-02-01"));
  EXPECT_EQ(t->a1_days, 61);  // 2020-06-01 -> 2020-08-01
}

TEST(Adoption, PlacementOrderIsTheFirstE1OrD1InThePeriod) {
  EventLog log;
  Child(log, "C1")
      .Starts("2019-01-01", "C2", "U4", "F1")
      .LegalStatus("2019-03-01", "D1")
      .LegalStatus("2019-04-01", "E1")
      .Matched("2019-05-01")
      .PlacedForAdoption("2019-06-01", "A4", "AD")
      .Adopted("2020-10-01");
  EXPECT_EQ(Last(log)->placement_order, D("2019-03-01"));
  EXPECT_EQ(Last(log)->a2_days, 61);
}

}  // namespace
}  // namespace cjl::projections
