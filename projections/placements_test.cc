// Tests of placement counting (METRICS.md s3 choices A-D, readings 2, 4-8) and long-term
// stability. The year to 2022-03-31 is 2021-04-01 .. 2022-03-31.
#include "projections/placements.h"

#include <gtest/gtest.h>

#include "projections/stability.h"
#include "projections/test_events.h"

namespace cjl::projections {
namespace {

using testing::Child;
using testing::D;
using testing::EventLog;

const Date kAsAt = D("2022-03-31");

// The child C1's placements as at `as_at`, under the DfE profile.
std::vector<PlacementSpell> Spells(EventLog& log, Date as_at = kAsAt) {
  return ChildPlacements(BuildJourney(log.Facts("C1"), as_at), CountingProfile::kDfe);
}

int InYear(EventLog& log, CountingProfile profile = CountingProfile::kDfe, Date as_at = kAsAt) {
  const Journey j = BuildJourney(log.Facts("C1"), as_at);
  return PlacementsInYearTo(ChildPlacements(j, profile), as_at);
}

TEST(Placements, ProfileNamesRoundTrip) {
  EXPECT_EQ(ProfileFromName("dfe"), CountingProfile::kDfe);
  EXPECT_EQ(ProfileFromName("count-same-carer"), CountingProfile::kCountSameCarer);
  EXPECT_FALSE(ProfileFromName("DfE").has_value());
  EXPECT_STREQ(ProfileName(CountingProfile::kCountSameCarer), "count-same-carer");
}

TEST(Placements, SameCarerChangeCountsOnlyUnderCountSameCarer) {
  EventLog log;
  // F1 from 2021-01-10, F2 from 2021-06-01, F2 long-term (U5) from 2021-09-01.
  Child(log, "C1")
      .Starts("2021-01-10", "C2", "U4", "F1")
      .Moves("2021-06-01", "U4", "F2")
      .Moves("2021-09-01", "U5", "F2", "");
  EXPECT_EQ(InYear(log, CountingProfile::kDfe), 2);             // F1, F2
  EXPECT_EQ(InYear(log, CountingProfile::kCountSameCarer), 3);  // F1, F2 (U4), F2 (U5)
}

TEST(Placements, PlacedForAdoptionWithCurrentFosterCarersNeverCounts) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-05-01", "C2", "U4", "F1")
      .PlacedForAdoption("2021-10-01", "A5", "F1");
  EXPECT_EQ(InYear(log, CountingProfile::kDfe), 1);
  EXPECT_EQ(InYear(log, CountingProfile::kCountSameCarer), 1);
}

TEST(Placements, MoveOnFirstDayOfTheYearLeavesTheEndedPlacementOut) {
  EventLog log;
  // A ends on 1 April 2021 (covers no day of the year); B, C and D (from the as-at date) count.
  Child(log, "C1")
      .Starts("2020-06-01", "C2", "U4", "A")
      .Moves("2021-04-01", "U4", "B")
      .Moves("2021-10-01", "U4", "C")
      .Moves("2022-03-31", "U4", "D");
  EXPECT_EQ(InYear(log), 3);
}

TEST(Placements, MoveOnSecondDayOfTheYearCountsTheEndedPlacement) {
  EventLog log;
  // A covers 1 April 2021: A, B, C, D = 4.
  Child(log, "C1")
      .Starts("2020-06-01", "C2", "U4", "A")
      .Moves("2021-04-02", "U4", "B")
      .Moves("2021-10-01", "U4", "C")
      .Moves("2022-03-31", "U4", "D");
  EXPECT_EQ(InYear(log), 4);
}

TEST(Placements, MoveOn31MarchIsInThePreviousYear) {
  EventLog log;
  // As at 2021-03-31 the move that day counts (A and B); as at 2022-03-31 A ended before the
  // year and only B counts.
  Child(log, "C1").Starts("2020-06-01", "C2", "U4", "A").Moves("2021-03-31", "U4", "B");
  EXPECT_EQ(InYear(log, CountingProfile::kDfe, D("2021-03-31")), 2);
  EXPECT_EQ(InYear(log), 1);
}

TEST(Placements, TemporaryPlacementAndReturnToTheSameCarerIsOnePlacement) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-05-01", "C2", "U4", "F1")
      .MovesTemporarily("2021-07-01", "T1", "HOLIDAY")
      .MovesTemporarily("2021-07-10", "U5", "F1");  // back, even with other details
  EXPECT_EQ(InYear(log, CountingProfile::kDfe), 1);
  EXPECT_EQ(InYear(log, CountingProfile::kCountSameCarer), 1);
}

TEST(Placements, ReturnFromTemporaryPlacementToAnotherCarerIsAMoveOnTheDayOfReturn) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-05-01", "C2", "U4", "F1")
      .MovesTemporarily("2021-07-01", "T2", "HOSPITAL")
      .MovesTemporarily("2021-07-10", "U4", "F2");
  const auto placements = Spells(log);
  ASSERT_EQ(placements.size(), 2u);
  EXPECT_EQ(placements[0].end, D("2021-07-10"));
  EXPECT_EQ(placements[1].start, D("2021-07-10"));
}

TEST(Placements, CarerSpellStartingAndEndingTheSameDayIsNotAPlacement) {
  EventLog log;
  // F2 for a few hours on 1 June: F1 and F3 only (rule D).
  Child(log, "C1")
      .Starts("2021-05-01", "C2", "U4", "F1")
      .Moves("2021-06-01", "U4", "F2")
      .Moves("2021-06-01", "U4", "F3");
  EXPECT_EQ(InYear(log), 2);
}

TEST(Placements, RuleDAppliesToTheWholeCarerSpellNotEachEpisode) {
  EventLog log;
  // F2's spell lasts from 1 June to 1 July although its first episode lasts no time.
  Child(log, "C1")
      .Starts("2021-05-01", "C2", "U4", "F1")
      .Moves("2021-06-01", "U4", "F2")
      .Moves("2021-06-01", "U5", "F2", "")
      .Moves("2021-07-01", "U4", "F3");
  EXPECT_EQ(InYear(log, CountingProfile::kDfe), 3);  // F1, F2, F3
  // F2 (U4) is a zero-day placement inside a longer spell: it still counts.
  EXPECT_EQ(InYear(log, CountingProfile::kCountSameCarer), 4);
}

TEST(Placements, ShortBreakEpisodesAreNeverPlacements) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-05-01", "V3", "U4", "F1")
      .Ends("2021-05-03", "E13")
      .Starts("2021-09-01", "C2", "U4", "F2");
  EXPECT_EQ(InYear(log), 1);
}

TEST(Placements, ShortBreakWithTheSameCarerAroundItIsOnePlacement) {
  EventLog log;
  // F1 from 2020-01-01; V3 2021-06-01..06-07 and 2021-09-01..09-07, C2 again each time
  // with F1 (RNE L both ways: the placement never changed). One placement in the year.
  Child(log, "C1")
      .Starts("2020-01-01", "C2", "U4", "F1")
      .LegalStatus("2021-06-01", "V3")
      .LegalStatus("2021-06-08", "C2")
      .LegalStatus("2021-09-01", "V3")
      .LegalStatus("2021-09-08", "C2");
  EXPECT_EQ(InYear(log, CountingProfile::kDfe), 1);
  EXPECT_EQ(InYear(log, CountingProfile::kCountSameCarer), 1);
  const auto spells = Spells(log);
  ASSERT_EQ(spells.size(), 1u);
  EXPECT_EQ(spells[0].start, D("2020-01-01"));
  EXPECT_FALSE(spells[0].end.has_value());
}

TEST(Placements, ShortBreakThenAnotherCarerEndsThePlacementWhenTheBreakBegan) {
  EventLog log;
  // F1 from 2021-01-01, V3 from 2021-06-01, C2 with F2 from 2021-06-08: F1 ended on
  // 2021-06-01 (V3 days are no placement's), F2 started on 2021-06-08.
  Child(log, "C1")
      .Starts("2021-01-01", "C2", "U4", "F1")
      .LegalStatus("2021-06-01", "V3")
      .LegalStatus("2021-06-08", "C2")
      .Moves("2021-06-08", "U4", "F2");
  const auto spells = Spells(log);
  ASSERT_EQ(spells.size(), 2u);
  EXPECT_EQ(spells[0].carer_id, "F1");
  EXPECT_EQ(spells[0].end, D("2021-06-01"));
  EXPECT_EQ(spells[1].carer_id, "F2");
  EXPECT_EQ(spells[1].start, D("2021-06-08"));
  // Ending in a short break: the placement ended when the break began.
  EventLog ended;
  Child(ended, "C1")
      .Starts("2021-01-01", "C2", "U4", "F1")
      .LegalStatus("2021-06-01", "V3")
      .Ends("2021-07-01", "E8");
  const auto last = Spells(ended);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].end, D("2021-06-01"));
}

TEST(Placements, APlacementStartingTheDayABreakStartsHoldsNoDay) {
  EventLog log;
  // A from 2019-01-01; on 2019-09-25 a move to B, C1, then V3 (the day ends on a short
  // break); C1 again on 2019-10-05: B is a placement from 2019-10-05, not 2019-09-25.
  Child(log, "C1")
      .Starts("2019-01-01", "C2", "U4", "A")
      .Moves("2019-09-25", "U4", "B")
      .LegalStatus("2019-09-25", "C1")
      .LegalStatus("2019-09-25", "V3")
      .LegalStatus("2019-10-05", "C1");
  const auto spells = Spells(log, D("2021-10-01"));
  ASSERT_EQ(spells.size(), 2u);
  EXPECT_EQ(spells[0].carer_id, "A");
  EXPECT_EQ(spells[0].end, D("2019-09-25"));
  EXPECT_EQ(spells[1].carer_id, "B");
  EXPECT_EQ(spells[1].start, D("2019-10-05"));
}

TEST(Placements, ABreakLastingNoDayKeepsTheReturnFromATemporaryPlacement) {
  EventLog log;
  // A (U4) from 2021-05-01, hospital (T1) from 2021-08-01; on 2021-10-01 V3, back to A as
  // U5 and C2, all that day: the return to the same carer, whatever the details, is the
  // same placement under either profile (reading 4).
  Child(log, "C1")
      .Starts("2021-05-01", "C2", "U4", "A")
      .MovesTemporarily("2021-08-01", "T1", "HOSP")
      .LegalStatus("2021-10-01", "V3")
      .MovesTemporarily("2021-10-01", "U5", "A")
      .LegalStatus("2021-10-01", "C2");
  EXPECT_EQ(InYear(log, CountingProfile::kDfe), 1);
  EXPECT_EQ(InYear(log, CountingProfile::kCountSameCarer), 1);
}

TEST(Placements, NewPeriodOfCareStartsANewPlacementAndEarlierPeriodsCount) {
  EventLog log;
  // Period 1 with F1, period 2 with F1 again (rule C), then F2: 3 (reading 6).
  Child(log, "C1")
      .Starts("2021-05-01", "C2", "U4", "F1")
      .Ends("2021-07-01", "E4A")
      .Starts("2021-09-01", "C2", "U4", "F1")
      .Moves("2021-12-01", "U4", "F2");
  EXPECT_EQ(InYear(log), 3);
}

// Long-term stability as at 2022-03-31: cohort needs a period started on or before
// 2019-09-30 (30 months before) and age under 16; numerator a placement started on or
// before 2020-03-31 (2 years before).
struct Lts {
  bool cohort;
  bool numerator;
};
Lts LongTerm(EventLog& log, CountingProfile profile = CountingProfile::kDfe) {
  const Journey j = BuildJourney(log.Facts("C1"), kAsAt);
  return {InLongTermCohort(j, kAsAt), InLongTermNumerator(j, ChildPlacements(j, profile), kAsAt)};
}

TEST(LongTermStability, PeriodStartedExactly30MonthsBeforeIsInTheCohort) {
  EventLog log;
  Child(log, "C1").Born("2012-01-01").Starts("2019-09-30", "C2", "U4", "F1");
  EXPECT_TRUE(LongTerm(log).cohort);
  EXPECT_TRUE(LongTerm(log).numerator);
  EventLog later;
  Child(later, "C1").Born("2012-01-01").Starts("2019-10-01", "C2", "U4", "F1");
  EXPECT_FALSE(LongTerm(later).cohort);
}

TEST(LongTermStability, ChildTurning16OnTheAsAtDateIsOutOfTheCohort) {
  EventLog log;
  Child(log, "C1").Born("2006-03-31").Starts("2018-01-01", "C2", "U4", "F1");
  EXPECT_FALSE(LongTerm(log).cohort);
  EventLog younger;
  Child(younger, "C1").Born("2006-04-01").Starts("2018-01-01", "C2", "U4", "F1");
  EXPECT_TRUE(LongTerm(younger).cohort);
}

TEST(LongTermStability, TwentyNinthFebruaryBirthdayFallsOn28FebruaryInOtherYears) {
  EventLog log;
  Child(log, "C1").Born("2008-02-29").Starts("2015-01-01", "C2", "U4", "F1");
  const Journey j = BuildJourney(log.Facts("C1"), D("2025-03-31"));
  // 18th birthday in 2026 falls on 28 February; 16 in the leap year 2024.
  EXPECT_TRUE(Under16On(j, D("2024-02-28")));
  EXPECT_FALSE(Under16On(j, D("2024-02-29")));
  EXPECT_EQ(AddYears(D("2008-02-29"), 18), D("2026-02-28"));
}

TEST(LongTermStability, ChildWithNoDateOfBirthIsNotInTheCohort) {
  EventLog log;
  Child(log, "C1").Starts("2018-01-01", "C2", "U4", "F1");
  EXPECT_FALSE(LongTerm(log).cohort);
}

TEST(LongTermStability, ShortBreakEpisodesAtThePeriodStartDoNotCountTowardsContinuity) {
  EventLog log;
  // Short breaks from 2019-01-01, looked after (C2) only from 2019-11-01: not 2.5 years.
  Child(log, "C1")
      .Born("2012-01-01")
      .Starts("2019-01-01", "V3", "U4", "F1")
      .LegalStatus("2019-11-01", "C2");
  EXPECT_FALSE(LongTerm(log).cohort);
}

TEST(LongTermStability, CurrentPlacementMustHaveStartedTwoYearsBefore) {
  EventLog log;
  Child(log, "C1")
      .Born("2012-01-01")
      .Starts("2019-01-01", "C2", "U4", "F1")
      .Moves("2020-03-31", "U4", "F2");
  EXPECT_TRUE(LongTerm(log).numerator);
  EventLog later;
  Child(later, "C1")
      .Born("2012-01-01")
      .Starts("2019-01-01", "C2", "U4", "F1")
      .Moves("2020-04-01", "U4", "F2");
  EXPECT_FALSE(LongTerm(later).numerator);
}

TEST(LongTermStability, ShortBreakWithTheSameCarerKeepsThePlacementsStart) {
  EventLog log;
  // F1 since 2018-01-01 (on or before 2022-03-31 - 30 months = 2019-09-30: in the cohort),
  // a week of V3 from 2021-06-01, then C2 with F1 again: the placement started 2018-01-01,
  // on or before 2022-03-31 - 2 years = 2020-03-31, so in the numerator.
  Child(log, "C1")
      .Born("2012-05-05")
      .Starts("2018-01-01", "C2", "U4", "F1")
      .LegalStatus("2021-06-01", "V3")
      .LegalStatus("2021-06-08", "C2");
  EXPECT_TRUE(LongTerm(log).cohort);
  EXPECT_TRUE(LongTerm(log).numerator);
}

TEST(LongTermStability, AdoptivePlacementCountsTogetherWithThePlacementBeforeIt) {
  EventLog log;
  // Foster F2 from 2020-01-01, adopters H from 2021-06-01: together since 2020-01-01.
  Child(log, "C1")
      .Born("2015-01-01")
      .Starts("2019-06-01", "C2", "U4", "F1")
      .Moves("2020-01-01", "U4", "F2")
      .PlacedForAdoption("2021-06-01", "A4", "H", "CHILD");
  EXPECT_TRUE(LongTerm(log).cohort);
  EXPECT_TRUE(LongTerm(log).numerator);
  EXPECT_TRUE(LongTerm(log, CountingProfile::kCountSameCarer).numerator);
  EventLog shorter;
  Child(shorter, "C1")
      .Born("2015-01-01")
      .Starts("2019-06-01", "C2", "U4", "F1")
      .Moves("2020-05-01", "U4", "F2")
      .PlacedForAdoption("2021-06-01", "A4", "H", "CHILD");
  EXPECT_FALSE(LongTerm(shorter).numerator);
}

TEST(LongTermStability, AnEarlierDisruptedAdoptivePlacementDoesNotCount) {
  EventLog log;
  // Adopters H from 2019-12-01 disrupted to foster K on 2020-06-01; adopters J from
  // 2021-06-01. The adoptive run starts 2021-06-01, the placement before it (K) 2020-06-01.
  Child(log, "C1")
      .Born("2015-01-01")
      .Starts("2019-06-01", "C2", "U4", "F1")
      .PlacedForAdoption("2019-12-01", "A4", "H", "CHILD")
      .Moves("2020-06-01", "U4", "K", "CREQB")
      .PlacedForAdoption("2021-06-01", "A4", "J", "CHILD");
  EXPECT_FALSE(LongTerm(log).numerator);
}

}  // namespace
}  // namespace cjl::projections
