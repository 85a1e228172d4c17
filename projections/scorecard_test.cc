// The scorecard on a small hand-computed authority, under both counting profiles, and its
// output forms. As at 2022-03-31: the year is 2021-04-01 .. 2022-03-31 and the adoption
// window 2019-04-01 .. 2022-03-31.
#include "projections/scorecard.h"

#include <gtest/gtest.h>

#include "projections/test_events.h"

namespace cjl::projections {
namespace {

using nlohmann::json;
using testing::Child;
using testing::D;
using testing::EventLog;

const Date kAsAt = D("2022-03-31");

// C01: in foster care (U4, in-house) with one carer since 2019-01-15; born 2012: in the
//      long-term cohort and its numerator.
// C02: started 2021-06-01 on V2 with a connected carer (U1), C1 from 2021-07-01, placed with
//      parents (P1) from 2021-10-01, full care order (C2) 2021-12-01: placed with parents.
// C03: short breaks (V3) only: in no figure.
// C04: 2020-02-01 .. 2021-08-15, returned home (E4A); 561 days.
// C05: 2019-01-10 .. 2021-05-01 adopted (E11) by new adopters (A4 on 2020-02-01);
//      placement order 2019-09-01, matched 2019-12-01; 842 days in care.
// C06: 2018-07-01 .. 2020-09-01 adopted by foster carers F6 (A5 on 2019-11-01); matched
//      2019-02-01, before the placement order of 2019-03-01.
// C07: two periods in the year: 2021-04-10 .. 2021-06-10 (E4A; 61 days) and from
//      2021-09-01 in a children's home (K1), moved to another home 2022-01-15: 3 placements.
// C08: foster F8 from 2020-01-01, same carer long-term (U5) from 2021-07-01, F9 (U4) from
//      2021-11-01: 2 placements under dfe, 3 counting same-carer changes.
AuthorityState Fixture() {
  EventLog log;
  Child(log, "C01").Born("2012-05-05").Starts("2019-01-15", "C2", "U4", "F1", "PR1");
  Child(log, "C02")
      .Born("2015-02-01")
      .Starts("2021-06-01", "V2", "U1", "R1", "PR1")
      .LegalStatus("2021-07-01", "C1")
      .Moves("2021-10-01", "P1", "PARENTS", "CHILD", "")
      .CareOrder("2021-12-01", "C2");
  Child(log, "C03").Born("2010-01-01").Starts("2021-11-01", "V3", "U4", "SB1");
  Child(log, "C04")
      .Born("2008-01-01")
      .Starts("2020-02-01", "C2", "U6", "F4", "PR2")
      .Ends("2021-08-15", "E4A");
  Child(log, "C05")
      .Born("2018-03-01")
      .Starts("2019-01-10", "C2", "U4", "F5", "PR1")
      .PlacementOrder("2019-09-01")
      .Matched("2019-12-01")
      .PlacedForAdoption("2020-02-01", "A4", "AD5", "CHILD")
      .Adopted("2021-05-01");
  Child(log, "C06")
      .Born("2017-06-01")
      .Starts("2018-07-01", "C2", "U4", "F6", "PR1")
      .Matched("2019-02-01")
      .PlacementOrder("2019-03-01")
      .PlacedForAdoption("2019-11-01", "A5", "F6")
      .Adopted("2020-09-01");
  Child(log, "C07")
      .Born("2011-01-01")
      .Starts("2021-04-10", "C2", "U4", "G1", "PR1")
      .Ends("2021-06-10", "E4A")
      .Starts("2021-09-01", "C2", "K1", "H1", "PR3")
      .Moves("2022-01-15", "K1", "H2", "CREQB", "PR3");
  Child(log, "C08")
      .Born("2013-01-01")
      .Starts("2020-01-01", "C2", "U4", "F8", "PR1")
      .Moves("2021-07-01", "U5", "F8", "")
      .Moves("2021-11-01", "U4", "F9", "CHILD", "PR1");
  return log.State();
}

TEST(Scorecard, CountsChildrenLookedAfterStartersAndCeasers) {
  const Scorecard s = ComputeScorecard(Fixture(), kAsAt, CountingProfile::kDfe);
  // CLA: C01, C02, C07, C08 (C03 on short breaks; C04, C05, C06 left care).
  EXPECT_EQ(s.looked_after, (std::vector<std::string>{"C01", "C02", "C07", "C08"}));
  // Starters: C02 and C07 (twice, counted once); C03's short-break start is not one.
  EXPECT_EQ(s.started, (std::vector<std::string>{"C02", "C07"}));
  // Ceasers: C04 (E4A), C05 (E11), C07 (E4A).
  EXPECT_EQ(s.ceased, (std::vector<std::string>{"C04", "C05", "C07"}));
  // 2 starters : 3 ceasers.
  EXPECT_DOUBLE_EQ(*s.starters_to_ceasers(), 2.0 / 3.0);
  // Weeks in care: (561 + 842 + 61) days / 3 / 7 = 1464 / 21.
  //   C04 2020-02-01..2021-08-15: 366 + 181 + 14 = 561; C05 2019-01-10..2021-05-01: 731 +
  //   (21 + 28 + 31 + 30 + 1) = 842; C07 2021-04-10..2021-06-10: 20 + 31 + 10 = 61.
  EXPECT_DOUBLE_EQ(*s.weeks_in_care_mean(), 1464.0 / 21.0);
}

TEST(Scorecard, JsonHasTheContractKeysAndHandComputedValues) {
  const json j = ScorecardToJson(ComputeScorecard(Fixture(), kAsAt, CountingProfile::kDfe));
  EXPECT_EQ(j["as_at"], "2022-03-31");
  EXPECT_EQ(j["profile"], "dfe");
  EXPECT_EQ(j["children_looked_after"], 4);
  EXPECT_EQ(j["started_in_year"], 2);
  EXPECT_EQ(j["ceased_in_year"], 3);
  EXPECT_EQ(j["ceased_by_reason"], json({{"adopted", 1},
                                         {"special_guardianship", 0},
                                         {"child_arrangements", 0},
                                         {"returned_home", 2},
                                         {"other", 0}}));
  EXPECT_DOUBLE_EQ(j["ceased_by_reason_percent"]["returned_home"].get<double>(), 200.0 / 3.0);
  // 3+ placements (dfe): only C07 (G1, H1, H2) of 4.
  EXPECT_EQ(j["three_plus_placements"],
            json({{"numerator", 1}, {"denominator", 4}, {"percent", 25.0}}));
  // Long-term stability: cohort C01 only (C07's and C08's periods are too recent), stable.
  EXPECT_EQ(j["long_term_stability"],
            json({{"numerator", 1}, {"denominator", 1}, {"percent", 100.0}}));
  // Placed with parents: C02 (P1 on C2) of 4. In-house fostering: C01, C08 (U4, PR1).
  // Connected carers: none (C02 left U1).
  EXPECT_EQ(j["placed_with_parents"]["percent"], 25.0);
  EXPECT_EQ(j["in_house_fostering"]["percent"], 50.0);
  EXPECT_EQ(j["connected_carers"]["percent"], 0.0);
  EXPECT_EQ(j["placement_type"]["foster"]["numerator"], 2);
  EXPECT_EQ(j["placement_type"]["with_parents"]["numerator"], 1);
  EXPECT_EQ(j["placement_type"]["homes_and_secure"]["numerator"], 1);
  EXPECT_EQ(j["children"]["three_plus_placements"], json({"C07"}));
  // No reviews held: null, never 0 (reading 13).
  EXPECT_TRUE(j["reviews_in_time"]["percent"].is_null());

  const json& a = j["adoption"];
  EXPECT_EQ(a["window_start"], "2019-04-01");
  EXPECT_EQ(a["window_end"], "2022-03-31");
  // Adopted in the window: C05 (2021-05-01) and C06 (2020-09-01).
  EXPECT_EQ(a["children_adopted"], 2);
  // A1: C05 2019-01-10 -> 2020-02-01 = 21 + 334 + 32 = 387; C06 2018-07-01 -> 2019-11-01 =
  // 365 + 123 = 488. Mean (387 + 488) / 2 = 437.5.
  EXPECT_DOUBLE_EQ(a["a1_mean_days"].get<double>(), 437.5);
  // A10: C06 was adopted by its foster carers F6, with whom it lived from 2018-07-01: 0 days.
  // Mean (387 + 0) / 2 = 193.5.
  EXPECT_DOUBLE_EQ(a["a10_mean_days"].get<double>(), 193.5);
  // A2: C05 2019-09-01 -> 2019-12-01 = 91; C06 matched before the order = 0. Mean 45.5.
  EXPECT_EQ(a["a2_children"], 2);
  EXPECT_DOUBLE_EQ(a["a2_mean_days"].get<double>(), 45.5);
  // A3: 387 < 426, 488 not: 50%.
  EXPECT_DOUBLE_EQ(a["a3_percent"].get<double>(), 50.0);
  // Single year: C05 only.
  EXPECT_EQ(j["adoption_single_year"]["children_adopted"], 1);
  EXPECT_DOUBLE_EQ(j["adoption_single_year"]["a1_mean_days"].get<double>(), 387.0);
  // Entry to adoption order for C05: 842 days; for C06 2018-07-01 -> 2020-09-01 = 365 + 428 = 793.
  EXPECT_DOUBLE_EQ(a["stages"]["entry_to_order"]["mean_days"].get<double>(), (842.0 + 793.0) / 2);
}

TEST(Scorecard, CountSameCarerProfileCountsSameCarerChanges) {
  const json j =
      ScorecardToJson(ComputeScorecard(Fixture(), kAsAt, CountingProfile::kCountSameCarer));
  EXPECT_EQ(j["profile"], "count-same-carer");
  // C08: F8 (U4), F8 (U5), F9 = 3; C07 = 3. 2 of 4.
  EXPECT_EQ(j["three_plus_placements"],
            json({{"numerator", 2}, {"denominator", 4}, {"percent", 50.0}}));
  EXPECT_EQ(j["children"]["three_plus_placements"], json({"C07", "C08"}));
}

TEST(Scorecard, EmptyAuthorityGivesNullPercentages) {
  const json j = ScorecardToJson(ComputeScorecard(AuthorityState{}, kAsAt, CountingProfile::kDfe));
  EXPECT_EQ(j["children_looked_after"], 0);
  EXPECT_TRUE(j["three_plus_placements"]["percent"].is_null());
  EXPECT_TRUE(j["long_term_stability"]["percent"].is_null());
  EXPECT_TRUE(j["adoption"]["a1_mean_days"].is_null());
  EXPECT_TRUE(j["adoption"]["a3_percent"].is_null());
  EXPECT_TRUE(j["ceased_by_reason_percent"]["adopted"].is_null());
  EXPECT_TRUE(j["starters_to_ceasers_ratio"].is_null());
}

TEST(Scorecard, PeriodEndingOnTheAsAtDateIsACeaserNotLookedAfter) {
  EventLog log;
  Child(log, "C1").Starts("2021-01-01", "C2", "U4", "F1").SpecialGuardianship("2022-03-31");
  const Scorecard s = ComputeScorecard(log.State(), kAsAt, CountingProfile::kDfe);
  EXPECT_TRUE(s.looked_after.empty());
  EXPECT_EQ(s.ceased, std::vector<std::string>{"C1"});
  EXPECT_EQ(ScorecardToJson(s)["ceased_by_reason"]["special_guardianship"], 1);
}

// Retracting the ending between two periods leaves one continuous period: no ceaser with
// a blank reason, and the second start is no starter (differential check, repro d8).
TEST(Scorecard, RetractedEndingBetweenTwoPeriodsLeavesNoCeaser) {
  EventLog log;
  Child c(log, "C1");
  c.Starts("2020-01-01", "C2", "U4", "F1").Ends("2021-05-01", "E4A");
  const std::string ending = c.last_id();
  c.Starts("2021-09-01", "C2", "U4", "F2").Retracts("2021-10-01", ending);
  const json j = ScorecardToJson(ComputeScorecard(log.State(), kAsAt, CountingProfile::kDfe));
  EXPECT_EQ(j["ceased_in_year"], 0);
  EXPECT_EQ(j["started_in_year"], 0);
  EXPECT_EQ(j["children_looked_after"], 1);
}

TEST(Scorecard, ChildCeasingTwiceCountsOnceByTheLastOccasion) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-05-01", "C2", "U4", "F1")
      .Ends("2021-06-01", "E4A")
      .Starts("2021-07-01", "C2", "U4", "F1")
      .ChildArrangements("2021-09-01");
  const json j = ScorecardToJson(ComputeScorecard(log.State(), kAsAt, CountingProfile::kDfe));
  EXPECT_EQ(j["ceased_in_year"], 1);
  EXPECT_EQ(j["ceased_by_reason"]["child_arrangements"], 1);
  EXPECT_EQ(j["ceased_by_reason"]["returned_home"], 0);
  // Weeks in care of the last period: 2021-07-01 -> 2021-09-01 = 62 days.
  EXPECT_DOUBLE_EQ(j["weeks_in_care_mean"].get<double>(), 62.0 / 7.0);
}

TEST(Scorecard, ShortBreakStartsAndEndsAreNotStartersOrCeasers) {
  EventLog log;
  Child(log, "C1").Starts("2021-05-01", "V3", "U4", "F1").Ends("2021-05-03", "E8");
  const Scorecard s = ComputeScorecard(log.State(), kAsAt, CountingProfile::kDfe);
  EXPECT_TRUE(s.started.empty());
  EXPECT_TRUE(s.ceased.empty());
}

TEST(Scorecard, IndependentLivingIsUnderOther) {
  EventLog log;
  Child(log, "C1").Starts("2021-05-01", "C2", "H5", "SUP1").Ends("2021-09-01", "E5");
  const json j = ScorecardToJson(ComputeScorecard(log.State(), kAsAt, CountingProfile::kDfe));
  EXPECT_EQ(j["ceased_by_reason"]["other"], 1);
  EXPECT_EQ(j["ceased_independent_living"], 1);
}

TEST(Scorecard, TemporaryPlacementCountsInTheGroupOfThePlacementItInterrupted) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-05-01", "C2", "U2", "REL", "PR1")
      .MovesTemporarily("2022-03-20", "T1", "HOLIDAY");
  const json j = ScorecardToJson(ComputeScorecard(log.State(), kAsAt, CountingProfile::kDfe));
  EXPECT_EQ(j["placement_type"]["foster"]["numerator"], 1);
  EXPECT_EQ(j["connected_carers"]["numerator"], 1);
}

TEST(Scorecard, ReviewsInTimeAreJudgedAgainstEachReviewsTimescale) {
  EventLog log;
  // Start Fri 2021-05-07; first review due after 20 working days: 2021-06-07 (31 May is the
  // spring bank holiday). Held 2021-06-04: in time. Second due 2021-09-04; held 2021-09-10:
  // late. 1 of 2 in time.
  Child(log, "C1").Starts("2021-05-07", "C2", "U4", "F1").Review("2021-06-04").Review("2021-09-10");
  const json j = ScorecardToJson(ComputeScorecard(log.State(), kAsAt, CountingProfile::kDfe));
  EXPECT_EQ(j["reviews_in_time"], json({{"numerator", 1}, {"denominator", 2}, {"percent", 50.0}}));
}

TEST(Scorecard, CsvAndTableNameTheFiguresAndTheProfile) {
  const Scorecard s = ComputeScorecard(Fixture(), kAsAt, CountingProfile::kCountSameCarer);
  const std::string csv = ScorecardToCsv(s);
  EXPECT_EQ(csv.rfind("figure,value\n", 0), 0u);
  EXPECT_NE(csv.find("\nprofile,count-same-carer\n"), std::string::npos);
  EXPECT_NE(csv.find("\nthree_plus_placements.percent,50.0\n"), std::string::npos);
  EXPECT_NE(csv.find("\nreviews_in_time.percent,\n"), std::string::npos);
  const std::string table = ScorecardToTable(s);
  EXPECT_NE(table.find("Counting profile: count-same-carer"), std::string::npos);
  EXPECT_NE(table.find("3+ placements in 12 months"), std::string::npos);
  EXPECT_NE(table.find("50.0%"), std::string::npos);
}

TEST(Scorecard, PopulationGivesTheRatePer10000) {
  ScorecardSettings settings;
  settings.population_0_17 = 8000;
  const Scorecard s = ComputeScorecard(Fixture(), kAsAt, CountingProfile::kDfe, settings);
  EXPECT_DOUBLE_EQ(*s.cla_rate_per_10000(), 5.0);  // 4 * 10000 / 8000
}

}  // namespace
}  // namespace cjl::projections
