// The permanence tracker: each child's milestones (the current instance of each), their
// status and alerts, as at a date (METRICS.md section 6). Owned by projections/.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/date.h"
#include "projections/child_facts.h"
#include "projections/journey.h"
#include "projections/placements.h"

namespace cjl::projections {

struct TrackerSettings {
  int due_soon_days = 14;  // `due_soon` when not done and due within this many days
};

// Milestone ids, in the order a row lists them.
inline constexpr const char* kMilestoneIds[] = {
    "assessment",      "initial_conference", "first_review",        "second_review", "next_review",
    "permanence_plan", "care_proceedings",   "placed_for_adoption", "match"};

// A milestone's statuses (METRICS.md section 6).
inline constexpr const char* kMilestoneStatuses[] = {"done_on_time", "done_late", "overdue",
                                                     "due_soon", "due"};
// The alert kinds besides overdue:<milestone id> and due_soon:<milestone id>.
inline constexpr const char* kChildAlertKinds[] = {
    "third_placement_in_12_months",      "disruption_move",
    "left_long_term_stability",          "waiting_placement_order_12_months",
    "waiting_placement_order_18_months", "waiting_in_care_18_months"};

struct Milestone {
  std::string id;
  Date trigger{};
  Date due{};
  std::optional<Date> done;
  std::string status;  // done_on_time, done_late, overdue, due_soon, due
  long days = 0;       // done - trigger when done, else due - as_at (negative when overdue)
  bool operator==(const Milestone&) const = default;
};

struct Alert {
  std::string kind;  // overdue:<id>, due_soon:<id>, third_placement_in_12_months, ...
  Date since{};      // the first day of the unbroken run of days, ending on as_at, it held
  bool operator==(const Alert&) const = default;
};

struct TrackerRow {
  std::string child_id;
  bool looked_after = false;
  std::vector<Milestone> milestones;
  std::vector<Alert> alerts;
  // The smallest `days` among the milestones not done; nullopt when all are done.
  std::optional<long> urgency() const;
  bool operator==(const TrackerRow&) const = default;
};

// Status and days of a milestone from its dates.
Milestone MakeMilestone(std::string id, Date trigger, Date due, std::optional<Date> done,
                        Date as_at, const TrackerSettings& settings);

// The milestones of the child's journey as at journey.as_at.
std::vector<Milestone> ComputeMilestones(const Journey& journey, const TrackerSettings& settings);
// The alerts, given the milestones computed for the same date.
std::vector<Alert> ComputeAlerts(const Journey& journey,
                                 const std::vector<PlacementSpell>& placements,
                                 const std::vector<Milestone>& milestones,
                                 const TrackerSettings& settings);
// The placement orders of a period: PlacementOrderMade dates and the starts of E1/D1 legal
// status (each new E1/D1 run), in date order.
std::vector<Date> PlacementOrderDates(const PeriodOfCare& period);

// One child's row (whether or not ComputeTrackers would list it).
TrackerRow ComputeChildTracker(const ChildFacts& facts, Date as_at, const TrackerSettings& settings,
                               CountingProfile profile = CountingProfile::kDfe);
// Rows for every child looked after at as_at and every other child with a milestone not
// done, most urgent first (smallest days among milestones not done; ties by child_id);
// rows with nothing outstanding after those, by child_id.
std::vector<TrackerRow> ComputeTrackers(const AuthorityState& state, Date as_at,
                                        const TrackerSettings& settings,
                                        CountingProfile profile = CountingProfile::kDfe);

nlohmann::json TrackerRowToJson(const TrackerRow& row);
// {"as_at": "YYYY-MM-DD", "children": [row...]} exactly as METRICS.md section 6.
nlohmann::json TrackersToJson(Date as_at, const std::vector<TrackerRow>& rows);
// One line per milestone and per alert, aligned.
std::string TrackersToTable(Date as_at, const std::vector<TrackerRow>& rows);
// child_id,looked_after,kind,id,trigger,due,done,status,days,since (kind milestone|alert).
std::string TrackersToCsv(Date as_at, const std::vector<TrackerRow>& rows);

}  // namespace cjl::projections
