// Tests of the permanence tracker: due dates (working days across bank holidays), every
// status, every alert with its `since` date, row selection, ordering and JSON shape.
#include "projections/tracker.h"

#include <gtest/gtest.h>

#include "projections/stability.h"
#include "projections/test_events.h"

namespace cjl::projections {
namespace {

using nlohmann::json;
using testing::Child;
using testing::D;
using testing::EventLog;

const TrackerSettings kSettings;

TrackerRow Row(EventLog& log, std::string_view as_at,
               CountingProfile profile = CountingProfile::kDfe) {
  return ComputeChildTracker(log.Facts("C1"), D(as_at), kSettings, profile);
}

const Milestone* Find(const TrackerRow& row, std::string_view id) {
  for (const Milestone& m : row.milestones) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

const Alert* FindAlert(const TrackerRow& row, std::string_view kind) {
  for (const Alert& a : row.alerts) {
    if (a.kind == kind) return &a;
  }
  return nullptr;
}

// Period from Friday 2022-04-01: first review due 2022-05-04 (20 working days, Easter
// 15 and 18 April and 2 May skipped; see bank_holidays_test).
TEST(Tracker, FirstReviewDoneOnTime) {
  EventLog log;
  Child(log, "C1").Starts("2022-04-01", "C2", "U4", "F1").Review("2022-05-04");
  const Milestone* m = Find(Row(log, "2022-05-10"), "first_review");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->trigger, D("2022-04-01"));
  EXPECT_EQ(m->due, D("2022-05-04"));
  EXPECT_EQ(m->status, "done_on_time");
  EXPECT_EQ(m->days, 33);  // 2022-04-01 -> 2022-05-04
}

TEST(Tracker, FirstReviewDoneLate) {
  EventLog log;
  Child(log, "C1").Starts("2022-04-01", "C2", "U4", "F1").Review("2022-05-05");
  const Milestone* m = Find(Row(log, "2022-05-10"), "first_review");
  EXPECT_EQ(m->status, "done_late");
  EXPECT_EQ(m->days, 34);
}

TEST(Tracker, FirstReviewOverdueRaisesAnAlertFromTheDayAfterItWasDue) {
  EventLog log;
  Child(log, "C1").Starts("2022-04-01", "C2", "U4", "F1");
  const TrackerRow row = Row(log, "2022-05-10");
  const Milestone* m = Find(row, "first_review");
  EXPECT_EQ(m->status, "overdue");
  EXPECT_EQ(m->days, -6);  // due 2022-05-04, as at 2022-05-10
  const Alert* a = FindAlert(row, "overdue:first_review");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->since, D("2022-05-05"));
}

TEST(Tracker, FirstReviewDueSoonFrom14DaysBefore) {
  EventLog log;
  Child(log, "C1").Starts("2022-04-01", "C2", "U4", "F1");
  const TrackerRow row = Row(log, "2022-04-25");
  EXPECT_EQ(Find(row, "first_review")->status, "due_soon");
  EXPECT_EQ(Find(row, "first_review")->days, 9);
  ASSERT_NE(FindAlert(row, "due_soon:first_review"), nullptr);
  EXPECT_EQ(FindAlert(row, "due_soon:first_review")->since, D("2022-04-20"));  // 2022-05-04 - 14
}

TEST(Tracker, FirstReviewDue) {
  EventLog log;
  Child(log, "C1").Starts("2022-04-01", "C2", "U4", "F1");
  const TrackerRow row = Row(log, "2022-04-10");
  EXPECT_EQ(Find(row, "first_review")->status, "due");
  EXPECT_EQ(Find(row, "first_review")->days, 24);
  EXPECT_TRUE(row.alerts.empty());
}

TEST(Tracker, FirstReviewDueDateSkipsThePlatinumJubilee) {
  EventLog log;
  Child(log, "C1").Starts("2022-05-20", "C2", "U4", "F1");
  EXPECT_EQ(Find(Row(log, "2022-05-21"), "first_review")->due, D("2022-06-21"));
}

TEST(Tracker, LaterReviewsAndThePermanencePlanFollowTheFirstReview) {
  EventLog log;
  Child(log, "C1").Starts("2022-04-01", "C2", "U4", "F1").Review("2022-04-20").Review("2022-07-15");
  const TrackerRow row = Row(log, "2022-08-01");
  EXPECT_EQ(Find(row, "second_review")->trigger, D("2022-04-20"));
  EXPECT_EQ(Find(row, "second_review")->due, D("2022-07-20"));
  EXPECT_EQ(Find(row, "second_review")->status, "done_on_time");
  EXPECT_EQ(Find(row, "next_review")->trigger, D("2022-07-15"));
  EXPECT_EQ(Find(row, "next_review")->due, D("2023-01-15"));
  // Plan due at the second review's due date: first review 2022-04-20 + 3 months.
  EXPECT_EQ(Find(row, "permanence_plan")->due, D("2022-07-20"));
  EXPECT_EQ(Find(row, "permanence_plan")->status, "overdue");
}

TEST(Tracker, PermanencePlanDueFromTheFirstReviewsDueDateWhileItIsNotHeld) {
  EventLog log;
  Child(log, "C1").Starts("2022-04-01", "C2", "U4", "F1").Plan("2022-06-01", "adoption");
  const Milestone* m = Find(Row(log, "2022-06-10"), "permanence_plan");
  EXPECT_EQ(m->due, D("2022-08-04"));  // 2022-05-04 + 3 months
  EXPECT_EQ(m->done, D("2022-06-01"));
  EXPECT_EQ(Find(Row(log, "2022-06-10"), "second_review"), nullptr);
}

TEST(Tracker, PeriodMilestonesAreShownOnlyWhileThePeriodIsOpen) {
  EventLog log;
  Child(log, "C1").Starts("2022-04-01", "C2", "U4", "F1").Ends("2022-04-20", "E4A");
  const TrackerRow row = Row(log, "2022-04-20");
  EXPECT_FALSE(row.looked_after);
  EXPECT_TRUE(row.milestones.empty());
}

TEST(Tracker, ShortBreakHasNoPeriodMilestonesAndIsNotLookedAfter) {
  EventLog log;
  Child(log, "C1").Starts("2022-04-01", "V3", "U4", "F1");
  const TrackerRow row = Row(log, "2022-05-10");
  EXPECT_FALSE(row.looked_after);
  EXPECT_TRUE(row.milestones.empty());
}

TEST(Tracker, AssessmentDue45WorkingDaysAfterTheLatestReferral) {
  EventLog log;
  // Tuesday 2022-01-04 + 45 working days: Jan 5-7 (3), 10-14 (8), 17-21 (13), 24-28 (18),
  // 31 (19), Feb 1-4 (23), 7-11 (28), 14-18 (33), 21-25 (38), 28 (39), Mar 1-4 (43), 7 (44),
  // 8 (45).
  Child(log, "C1").Referred("2021-06-01").Assessed("2021-06-20").Referred("2022-01-04");
  const TrackerRow row = Row(log, "2022-02-01");
  const Milestone* m = Find(row, "assessment");
  EXPECT_EQ(m->trigger, D("2022-01-04"));
  EXPECT_EQ(m->due, D("2022-03-08"));
  EXPECT_FALSE(m->done.has_value());
  EXPECT_EQ(m->status, "due");
  EXPECT_FALSE(row.looked_after);
}

TEST(Tracker, InitialConferenceDue15WorkingDaysAfterAnS47StrategyMeeting) {
  EventLog log;
  // Wednesday 2022-04-13 + 15: 14 (1), [15, 18 Easter], 19-22 (5), 25-29 (10), [2 May],
  // 3-6 (14), 9 (15).
  Child(log, "C1")
      .StrategyMeeting("2022-04-13")
      .StrategyMeeting("2022-04-20", "no_further_action")
      .Conference("2022-05-06");
  const Milestone* m = Find(Row(log, "2022-05-10"), "initial_conference");
  EXPECT_EQ(m->trigger, D("2022-04-13"));
  EXPECT_EQ(m->due, D("2022-05-09"));
  EXPECT_EQ(m->status, "done_on_time");
  EXPECT_EQ(m->days, 23);
}

TEST(Tracker, CareProceedingsDue181DaysPlusExtensions) {
  EventLog log;
  // 2022-01-10 + 181 = 2022-07-10; extended 8 weeks: + 56 = 2022-09-04.
  Child(log, "C1").ProceedingsIssued("2022-01-10").ProceedingsExtended("2022-06-01", 8);
  const Milestone* m = Find(Row(log, "2022-07-01"), "care_proceedings");
  EXPECT_EQ(m->due, D("2022-09-04"));
  EXPECT_EQ(m->days, 65);  // 2022-07-01 -> 2022-09-04
  EXPECT_EQ(m->status, "due");
}

TEST(Tracker, PlacedForAdoptionRestartsAfterADecisionIsReversed) {
  EventLog log;
  // Period from 2021-01-01: due 2021-01-01 + 426 = 2022-03-03.
  Child c(log, "C1");
  c.Starts("2021-01-01", "C2", "U4", "F1")
      .Plan("2021-03-01", "adoption")
      .DecisionReversed("2021-08-01");
  EXPECT_EQ(Find(Row(log, "2021-09-01"), "placed_for_adoption"), nullptr);
  c.AgencyDecision("2021-10-01");
  const Milestone* m = Find(Row(log, "2021-11-01"), "placed_for_adoption");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->trigger, D("2021-10-01"));
  EXPECT_EQ(m->due, D("2022-03-03"));
  c.PlacedForAdoption("2022-02-01", "A4", "AD");
  EXPECT_EQ(Find(Row(log, "2022-03-01"), "placed_for_adoption")->status, "done_on_time");
}

TEST(Tracker, MatchBeforeThePlacementOrderCompletesItOnTheOrdersDate) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-01-01", "C2", "U4", "F1")
      .Matched("2021-05-01")
      .PlacementOrder("2021-06-01");
  const Milestone* m = Find(Row(log, "2021-07-01"), "match");
  EXPECT_EQ(m->due, D("2021-09-30"));  // 2021-06-01 + 121
  EXPECT_EQ(m->done, D("2021-06-01"));
  EXPECT_EQ(m->days, 0);
  EXPECT_EQ(m->status, "done_on_time");
}

TEST(Tracker, RetractedFactsAreAsIfNeverRecorded) {
  EventLog log;
  Child c(log, "C1");
  c.Starts("2022-04-01", "C2", "U4", "F1").Review("2022-04-20");
  c.Retracts("2022-04-21", c.last_id());
  EXPECT_FALSE(Find(Row(log, "2022-04-25"), "first_review")->done.has_value());
}

TEST(TrackerAlerts, ThirdPlacementIn12MonthsSinceTheThirdPlacementStarted) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-01-01", "C2", "U4", "A")
      .Moves("2021-06-01", "U4", "B")
      .Moves("2021-09-01", "U4", "C");
  const Alert* a = FindAlert(Row(log, "2022-03-31"), "third_placement_in_12_months");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->since, D("2021-09-01"));
  // A ended 2021-06-01: it leaves the 12 months on 2022-06-01.
  EXPECT_EQ(FindAlert(Row(log, "2022-06-01"), "third_placement_in_12_months"), nullptr);
}

TEST(TrackerAlerts, DisruptionMoveInTheLast12Months) {
  EventLog log;
  Child(log, "C1").Starts("2021-01-01", "C2", "U4", "A").Moves("2021-09-01", "U4", "B", "CREQB");
  const Alert* a = FindAlert(Row(log, "2022-03-31"), "disruption_move");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->since, D("2021-09-01"));
  EXPECT_EQ(FindAlert(Row(log, "2022-09-01"), "disruption_move"), nullptr);
}

TEST(TrackerAlerts, LeftLongTermStabilitySinceEnteringTheCohort) {
  EventLog log;
  // In care from 2019-01-01 (cohort from 2021-07-01, 30 months on); moved 2021-06-01.
  Child(log, "C1")
      .Born("2012-01-01")
      .Starts("2019-01-01", "C2", "U4", "A")
      .Moves("2021-06-01", "U4", "B");
  const Alert* a = FindAlert(Row(log, "2022-03-31"), "left_long_term_stability");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->since, D("2021-07-01"));
}

TEST(TrackerAlerts, WaitingAfterThePlacementOrderAndInCare) {
  EventLog log;
  Child(log, "C1").Starts("2020-01-15", "C2", "U4", "A").PlacementOrder("2020-06-01");
  const TrackerRow row = Row(log, "2022-03-31");
  ASSERT_NE(FindAlert(row, "waiting_placement_order_12_months"), nullptr);
  EXPECT_EQ(FindAlert(row, "waiting_placement_order_12_months")->since, D("2021-06-01"));
  ASSERT_NE(FindAlert(row, "waiting_placement_order_18_months"), nullptr);
  EXPECT_EQ(FindAlert(row, "waiting_placement_order_18_months")->since, D("2021-12-01"));
  ASSERT_NE(FindAlert(row, "waiting_in_care_18_months"), nullptr);
  EXPECT_EQ(FindAlert(row, "waiting_in_care_18_months")->since, D("2021-07-15"));
  // The match milestone (due 2020-09-30) is overdue.
  EXPECT_EQ(FindAlert(row, "overdue:match")->since, D("2020-10-01"));
}

TEST(TrackerAlerts, WaitingAlertsBeginAgainAfterAShortBreak) {
  EventLog log;
  // Order 2020-01-10: 12 months old on 2021-01-10; 18 months in care on 2020-07-04. On a
  // short break (V3) 2020-12-01..2021-01-31, looked after again (E1) from 2021-02-01: both
  // alerts began on 2021-02-01, when the child was looked after again.
  Child(log, "C1")
      .Starts("2019-01-04", "C2", "U4", "A")
      .PlacementOrder("2020-01-10")
      .LegalStatus("2020-12-01", "V3")
      .LegalStatus("2021-02-01", "E1");
  const TrackerRow row = Row(log, "2021-06-01");
  ASSERT_NE(FindAlert(row, "waiting_placement_order_12_months"), nullptr);
  EXPECT_EQ(FindAlert(row, "waiting_placement_order_12_months")->since, D("2021-02-01"));
  EXPECT_EQ(FindAlert(row, "waiting_placement_order_18_months"), nullptr);  // from 2021-07-10
  ASSERT_NE(FindAlert(row, "waiting_in_care_18_months"), nullptr);
  EXPECT_EQ(FindAlert(row, "waiting_in_care_18_months")->since, D("2021-02-01"));
}

TEST(TrackerAlerts, NoWaitingAlertsOncePlacedOrMatched) {
  EventLog log;
  Child(log, "C1")
      .Starts("2020-01-15", "C2", "U4", "A")
      .PlacementOrder("2020-06-01")
      .Matched("2021-09-01")
      .PlacedForAdoption("2021-10-01", "A4", "AD");
  const TrackerRow row = Row(log, "2022-03-31");
  EXPECT_EQ(FindAlert(row, "waiting_placement_order_12_months"), nullptr);
  EXPECT_EQ(FindAlert(row, "waiting_in_care_18_months"), nullptr);
}

TEST(Trackers, RowsAreMostUrgentFirstThenByChildId) {
  EventLog log;
  Child(log, "A").Starts("2022-04-01", "C2", "U4", "F1");  // first_review days -6
  Child(log, "B").Referred("2022-05-01");                  // assessment, not in care
  Child(log, "C").Starts("2022-04-01", "C2", "U4", "F1");  // days -6, ties by id
  Child(log, "D").Starts("2022-04-01", "C2", "U4", "F1").Review("2022-04-20");  // second review
  Child(log, "E").Referred("2021-01-01").Assessed("2021-02-01");  // all done, not in care
  const auto rows = ComputeTrackers(log.State(), D("2022-05-10"), kSettings);
  std::vector<std::string> ids;
  for (const auto& r : rows) ids.push_back(r.child_id);
  // A, C: -6; D: permanence plan due 2022-07-20 (71), second review 2022-07-20 (71);
  // B: assessment due 2022-07-06 (57; 2 May and 2-3 June skipped).
  EXPECT_EQ(ids, (std::vector<std::string>{"A", "C", "B", "D"}));
}

TEST(Trackers, JsonHasExactlyTheDocumentedShape) {
  EventLog log;
  Child(log, "C1").Starts("2022-04-01", "C2", "U4", "F1");
  const json j =
      TrackersToJson(D("2022-05-10"), ComputeTrackers(log.State(), D("2022-05-10"), kSettings));
  const json expected = json::parse(R"({"as_at": "2022-05-10", "children": [
    {"child_id": "C1", "looked_after": true,
     "milestones": [
       {"id": "first_review", "trigger": "2022-04-01", "due": "2022-05-04", "done": null,
        "status": "overdue", "days": -6},
       {"id": "permanence_plan", "trigger": "2022-04-01", "due": "2022-08-04", "done": null,
        "status": "due", "days": 86}],
     "alerts": [{"kind": "overdue:first_review", "since": "2022-05-05"}]}]})");
  EXPECT_EQ(j, expected);
  EXPECT_NE(TrackersToCsv(D("2022-05-10"), ComputeTrackers(log.State(), D("2022-05-10"), kSettings))
                .find("C1,true,milestone,first_review,2022-04-01,2022-05-04,,overdue,-6,"),
            std::string::npos);
  EXPECT_NE(
      TrackersToTable(D("2022-05-10"), ComputeTrackers(log.State(), D("2022-05-10"), kSettings))
          .find("overdue:first_review"),
      std::string::npos);
}

}  // namespace
}  // namespace cjl::projections

// Regressions found by the differential check against an independent implementation
// (tests/oracle; repro files named after each test).
namespace cjl::projections {
namespace {

// d12: the adoption plan came after the 426-day due date: overdue from the plan's date.
TEST(TrackerRegression, OverdueAlertBeginsNoEarlierThanItsTrigger) {
  EventLog log;
  Child(log, "C1").Starts("2019-01-04", "C2", "U4", "F1").AgencyDecision("2021-03-01");
  const TrackerRow row = Row(log, "2022-03-31");
  const Alert* a = FindAlert(row, "overdue:placed_for_adoption");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->since, D("2021-03-01"));
}

// d1: a disruption move in an earlier period; the alert runs from the current period's start.
TEST(TrackerRegression, AlertRunDoesNotReachBackThroughTimeOutOfCare) {
  EventLog log;
  Child(log, "C1")
      .Starts("2022-01-01", "C2", "U4", "a")
      .Moves("2022-06-01", "U4", "b", "STAND")
      .Ends("2022-09-01", "E4A")
      .Starts("2022-12-01", "C2", "U4", "c");
  const Alert* a = FindAlert(Row(log, "2023-03-31"), "disruption_move");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->since, D("2022-12-01"));
}

// d3: a V3 status changed back the same day is no break in the carer's spell.
TEST(TrackerRegression, ShortBreakStatusLastingNoDayDoesNotSplitThePlacement) {
  EventLog log;
  Child(log, "C1")
      .Starts("2019-01-01", "C2", "U4", "a")
      .LegalStatus("2021-06-01", "V3")
      .LegalStatus("2021-06-01", "C2")
      .Moves("2021-09-01", "U4", "b", "CARPL");
  const TrackerRow row = Row(log, "2022-03-31");
  EXPECT_EQ(FindAlert(row, "third_placement_in_12_months"), nullptr);
  const Journey j = BuildJourney(log.Facts("C1"), D("2022-03-31"));
  EXPECT_EQ(PlacementsInYearTo(ChildPlacements(j, CountingProfile::kDfe), D("2022-03-31")), 2);
}

// d10: legal status E1 without a PlacementOrderMade starts no match milestone.
TEST(TrackerRegression, MatchMilestoneNeedsAPlacementOrderMade) {
  EventLog log;
  Child(log, "C1").Starts("2021-01-04", "C2", "U4", "F1").LegalStatus("2021-05-01", "E1");
  const TrackerRow row = Row(log, "2022-03-31");
  EXPECT_EQ(Find(row, "match"), nullptr);
  EXPECT_EQ(FindAlert(row, "waiting_placement_order_12_months"), nullptr);
}

}  // namespace
}  // namespace cjl::projections

namespace cjl::projections {
namespace {

// E28: away to another carer and back the same day: that carer's spell is no placement
// (rule D, reading 5) and the child never left carer a overnight: one placement, not two.
TEST(TrackerRegression, SameDayExcursionToAnotherCarerIsOnePlacement) {
  EventLog log;
  Child(log, "C1")
      .Starts("2021-06-01", "C2", "U4", "a")
      .Moves("2021-09-01", "U4", "b", "CARPL")
      .Moves("2021-09-01", "U4", "a", "CARPL")
      .Moves("2022-01-10", "U4", "c", "CARPL");
  const Journey j = BuildJourney(log.Facts("C1"), D("2022-03-31"));
  EXPECT_EQ(PlacementsInYearTo(ChildPlacements(j, CountingProfile::kDfe), D("2022-03-31")), 2);
}

}  // namespace
}  // namespace cjl::projections
