// Tests of events to episodes: RNE, same-day changes, messy histories, as-at evaluation.
#include "projections/journey.h"

#include <gtest/gtest.h>

#include "projections/test_events.h"

namespace cjl::projections {
namespace {

using testing::Child;
using testing::D;
using testing::EventLog;

std::string Rnes(const PeriodOfCare& p) {
  std::string s;
  for (const Episode& e : p.episodes) s += e.rne;
  return s;
}

TEST(Journey, EpisodesCarryTheReasonForNewEpisode) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-01-01", "V2", "U4", "F1")  // S
      .LegalStatus("2021-02-01", "C1")         // L
      .Moves("2021-03-01", "U4", "F2")         // P: another carer
      .Moves("2021-04-01", "U5", "F2", "")     // T: same carer, details change
      .CareOrder("2021-05-01", "C2")           // with the next: B (status and carer)
      .Moves("2021-05-01", "U4", "F3")
      .PlacementOrder("2021-06-01")  // with the next: U (E1, same carer)
      .PlacedForAdoption("2021-06-01", "A5", "F3")
      .Ends("2021-09-01", "E4A");
  const Journey j = BuildJourney(log.Facts("C1"), D("2022-03-31"));
  ASSERT_EQ(j.periods.size(), 1u);
  const PeriodOfCare& p = j.periods[0];
  // Same-day changes of legal status and placement merge into one B or U episode.
  EXPECT_EQ(Rnes(p), "SLPTBU");
  EXPECT_EQ(p.episodes[4].legal_status, "C2");
  EXPECT_EQ(p.episodes[4].placement.carer_id, "F3");
  EXPECT_EQ(p.episodes[5].legal_status, "E1");
  EXPECT_EQ(p.episodes[5].placement.placement_type, "A5");
  EXPECT_EQ(p.episodes[0].rec, "X1");
  EXPECT_EQ(p.episodes.back().rec, "E4A");
  EXPECT_EQ(p.episodes.back().end, D("2021-09-01"));
  EXPECT_EQ(p.episodes[1].reason_place_change, "CHILD");  // the placement that ended 1 March
}

TEST(Journey, AnUnchangedPlacementOrStatusStartsNoEpisode) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-01-01", "C2", "U4", "F1")
      .CareOrder("2021-02-01", "C2")
      .Moves("2021-03-01", "U4", "F1");
  const Journey j = BuildJourney(log.Facts("C1"), D("2022-03-31"));
  EXPECT_EQ(Rnes(j.periods[0]), "S");
}

// Only a retracted ending can leave two starts without an end between them (the ledger
// rejects a start while a period is open): as if the ending was never recorded, the period
// continues and the second start is a change of placement within it.
TEST(Journey, SecondPeriodStartWhileOneIsOpenContinuesThePeriod) {
  EventLog log;
  Child(log, "C1").Starts("2021-01-01", "C2", "U4", "F1").Starts("2021-06-01", "C2", "U4", "F2");
  const Journey j = BuildJourney(log.Facts("C1"), D("2022-03-31"));
  ASSERT_EQ(j.periods.size(), 1u);
  EXPECT_FALSE(j.periods[0].end.has_value());
  ASSERT_EQ(j.periods[0].episodes.size(), 2u);
  EXPECT_EQ(j.periods[0].episodes[1].start, D("2021-06-01"));
  EXPECT_EQ(j.periods[0].episodes[1].rne, "P");
}

TEST(Journey, FactsOutsideAnyPeriodAreKeptAsUnattached) {
  EventLog log;
  Child(log, "C1").Moves("2020-01-01", "U4", "F1").Ends("2020-02-01", "E4A").Review("2020-03-01");
  const Journey j = BuildJourney(log.Facts("C1"), D("2022-03-31"));
  EXPECT_TRUE(j.periods.empty());
  EXPECT_EQ(j.unattached.size(), 3u);
  EXPECT_FALSE(j.LookedAfterOn(D("2020-01-15")));
}

TEST(Journey, RetractedPeriodStartLeavesItsLaterFactsUnattached) {
  EventLog log;
  Child c(log, "C1");
  c.Starts("2021-01-01", "C2", "U4", "F1");
  c.Moves("2021-02-01", "U4", "F2").Retracts("2021-03-01", "C1-1");
  const Journey j = BuildJourney(log.Facts("C1"), D("2022-03-31"));
  EXPECT_TRUE(j.periods.empty());
  EXPECT_EQ(j.unattached.size(), 1u);
}

TEST(Journey, OnlyFactsUpToTheAsAtDateCount) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-01-01", "C2", "U4", "F1")
      .Moves("2021-06-01", "U4", "F2")
      .Ends("2022-01-01", "E4A");
  const Journey j = BuildJourney(log.Facts("C1"), D("2021-05-31"));
  ASSERT_EQ(j.periods.size(), 1u);
  EXPECT_EQ(j.periods[0].episodes.size(), 1u);
  EXPECT_FALSE(j.periods[0].end.has_value());
  EXPECT_TRUE(j.LookedAfterOn(D("2021-05-31")));
}

TEST(Journey, PeriodEndingOnTheAsAtDateIsNotLookedAfterThatDay) {
  EventLog log;
  Child(log, "C1").Starts("2021-01-01", "C2", "U4", "F1").Ends("2022-03-31", "E4A");
  const Journey j = BuildJourney(log.Facts("C1"), D("2022-03-31"));
  EXPECT_FALSE(j.LookedAfterOn(D("2022-03-31")));
  EXPECT_TRUE(j.LookedAfterOn(D("2022-03-30")));
}

TEST(Journey, ShortBreakIsNotLookedAfter) {
  EventLog log;
  Child(log, "C1").Starts("2021-01-01", "V3", "U4", "F1");
  const Journey j = BuildJourney(log.Facts("C1"), D("2022-03-31"));
  EXPECT_FALSE(j.LookedAfterOn(D("2022-03-31")));
  EXPECT_FALSE(j.periods[0].StartWithoutShortBreaks().has_value());
}

TEST(Journey, TemporaryPlacementCountsInThePlacementItInterrupted) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-01-01", "C2", "U4", "F1")
      .MovesTemporarily("2021-02-01", "T1", "TMP");
  const Journey j = BuildJourney(log.Facts("C1"), D("2021-02-10"));
  const PeriodOfCare& p = j.periods[0];
  EXPECT_EQ(p.EpisodeOn(D("2021-02-10"))->placement.placement_type, "T1");
  EXPECT_EQ(p.EffectivePlacementOn(D("2021-02-10"))->placement.placement_type, "U4");
}

TEST(Journey, YearStartIsTheDayAfterTheSameDateAYearEarlier) {
  EXPECT_EQ(YearStart(D("2022-03-31")), D("2021-04-01"));
  EXPECT_EQ(YearStart(D("2021-02-28")), D("2020-02-29"));
  EXPECT_EQ(YearStart(D("2022-03-31"), 3), D("2019-04-01"));
  EXPECT_EQ(FirstDayMonthsAfter(D("2019-01-01"), 30), D("2021-07-01"));
  // 31 August + 30 months clamps to 28 February, which is not yet 30 months on.
  EXPECT_EQ(FirstDayMonthsAfter(D("2019-08-31"), 30), D("2022-03-01"));
}

}  // namespace
}  // namespace cjl::projections
