// Alerts of the permanence tracker (see tracker.h and METRICS.md section 6).
//
// `since` is the first day of the unbroken run of days, ending on the as-at date, on which
// the alert's condition held (judged from the facts known at the as-at date).
#include <algorithm>
#include <functional>

#include "events/codes.h"
#include "projections/stability.h"
#include "projections/tracker.h"

namespace cjl::projections {
namespace {

constexpr std::chrono::days kDay{1};
// A run is never searched further back than this (about 25 years); the conditions below
// cannot hold before a child's first period of care anyway.
constexpr int kMaxRunDays = 9200;

// The first day of the run of days ending on `last` on which `holds` is true.
// REQUIRES: holds(last).
Date RunStart(Date last, const std::function<bool(Date)>& holds) {
  Date d = last;
  for (int i = 0; i < kMaxRunDays && holds(d - kDay); ++i) d -= kDay;
  return d;
}

bool IsDisruptionReason(std::string_view r) {
  return r == "CREQB" || r == "CREQO" || r == "ALLEG" || r == "STAND";
}

// Dates of moves whose reason (for the placement that ended) is a disruption.
std::vector<Date> DisruptionMoves(const Journey& j) {
  std::vector<Date> moves;
  for (const PeriodOfCare& p : j.periods) {
    for (std::size_t i = 1; i < p.episodes.size(); ++i) {
      if (IsDisruptionReason(p.episodes[i - 1].reason_place_change))
        moves.push_back(p.episodes[i].start);
    }
  }
  std::sort(moves.begin(), moves.end());
  return moves;
}

}  // namespace

std::vector<Alert> ComputeAlerts(const Journey& j, const std::vector<PlacementSpell>& placements,
                                 const std::vector<Milestone>& milestones,
                                 const TrackerSettings& settings) {
  std::vector<Alert> alerts;
  const Date as_at = j.as_at;
  for (const Milestone& m : milestones) {
    // An alert begins no earlier than its milestone exists (the trigger), e.g. an adoption
    // plan made after its 426-day due date is overdue from the plan's date.
    if (m.status == "overdue") {
      alerts.push_back({"overdue:" + m.id, std::max(m.trigger, m.due + kDay)});
    }
    if (m.status == "due_soon") {
      alerts.push_back({"due_soon:" + m.id,
                        std::max(m.trigger, m.due - std::chrono::days{settings.due_soon_days})});
    }
  }
  if (!j.LookedAfterOn(as_at)) return alerts;
  const PeriodOfCare& period = *j.PeriodOpenOn(as_at);
  // These alerts exist only while the child is looked after: a day out of care or on a
  // short break (V3/V4) breaks the run.
  auto run_start = [&](const std::function<bool(Date)>& holds) {
    return RunStart(as_at, [&](Date d) { return j.LookedAfterOn(d) && holds(d); });
  };

  auto three_plus = [&](Date d) { return PlacementsInYearTo(placements, d) >= 3; };
  if (three_plus(as_at)) alerts.push_back({"third_placement_in_12_months", run_start(three_plus)});

  const std::vector<Date> moves = DisruptionMoves(j);
  auto disrupted = [&](Date d) {
    const Date first = YearStart(d);
    return std::any_of(moves.begin(), moves.end(), [&](Date m) { return m >= first && m <= d; });
  };
  if (disrupted(as_at)) alerts.push_back({"disruption_move", run_start(disrupted)});

  auto left_stability = [&](Date d) {
    return InLongTermCohort(j, d) && !InLongTermNumerator(j, placements, d);
  };
  if (left_stability(as_at))
    alerts.push_back({"left_long_term_stability", run_start(left_stability)});

  // Waiting for a placement: the latest placement order that long ago, not yet placed for
  // adoption (no PlacedForAdoption since the order, and not in an A3-A6 placement now).
  const std::vector<Date> orders = PlacementOrderDates(period);
  if (!orders.empty()) {
    const Date order = orders.back();
    const Episode* now = period.EffectivePlacementOn(as_at);
    bool placed =
        now != nullptr && events::codes::IsAdoptivePlacement(now->placement.placement_type);
    for (const DatedFact& f : period.placed_for_adoption) placed = placed || f.date >= order;
    // Each begins when its condition first held in the current looked-after run (a short
    // break resets the run, as for the alerts above): the later of the two.
    const Date looked_after_since = RunStart(as_at, [&](Date d) { return j.LookedAfterOn(d); });
    auto since = [&](Date from) { return std::max(from, looked_after_since); };
    for (int months : {12, 18}) {
      const Date from = FirstDayMonthsAfter(order, months);
      if (!placed && from <= as_at) {
        alerts.push_back(
            {"waiting_placement_order_" + std::to_string(months) + "_months", since(from)});
      }
    }
    // In care 18 months or more, with a placement order, not matched in this period.
    const Date in_care_18 = FirstDayMonthsAfter(period.start, 18);
    if (in_care_18 <= as_at && period.matches.empty()) {
      alerts.push_back({"waiting_in_care_18_months", since(std::max(in_care_18, orders.front()))});
    }
  }
  return alerts;
}

}  // namespace cjl::projections
