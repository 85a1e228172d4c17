// Milestones of the permanence tracker (see tracker.h and METRICS.md section 6).
//
// Each milestone shows its current instance: the one whose trigger is the latest on or
// before the as-at date (the journey holds only facts up to that date). "After the
// trigger" is read as on or after its date: a fact on the trigger's own day completes it.
#include <algorithm>
#include <tuple>

#include "projections/bank_holidays.h"
#include "projections/reviews.h"
#include "projections/tracker.h"

namespace cjl::projections {
namespace {

constexpr int kAssessmentWorkingDays = 45;
constexpr int kInitialConferenceWorkingDays = 15;
constexpr int kProceedingsDays = 181;
constexpr int kPlacedForAdoptionDays = 426;  // scorecard A1
constexpr int kMatchDays = 121;              // scorecard A2
constexpr int kPermanencePlanMonths = 3;

// The first fact dated on or after d.
std::optional<Date> FirstOnOrAfter(const std::vector<DatedFact>& facts, Date d) {
  for (const DatedFact& f : facts) {
    if (f.date >= d) return f.date;
  }
  return std::nullopt;
}

void ChildMilestones(const Journey& j, const TrackerSettings& settings,
                     std::vector<Milestone>& out) {
  const Date as_at = j.as_at;
  if (!j.referrals.empty()) {
    const Date trigger = j.referrals.back().date;
    out.push_back(MakeMilestone("assessment", trigger,
                                AddWorkingDays(trigger, kAssessmentWorkingDays),
                                FirstOnOrAfter(j.assessments, trigger), as_at, settings));
  }
  std::optional<Date> s47;
  for (const DatedFact& f : j.strategy_meetings) {
    if (f.value == "s47_enquiry") s47 = f.date;
  }
  if (s47) {
    std::optional<Date> done;
    for (const DatedFact& f : j.conferences) {
      if (f.date >= *s47 && f.value.rfind("initial:", 0) == 0) {
        done = f.date;
        break;
      }
    }
    out.push_back(MakeMilestone("initial_conference", *s47,
                                AddWorkingDays(*s47, kInitialConferenceWorkingDays), done, as_at,
                                settings));
  }
}

void ProceedingsMilestone(const Journey& j, const TrackerSettings& settings,
                          std::vector<Milestone>& out) {
  if (j.proceedings_issued.empty()) return;
  const Date trigger = j.proceedings_issued.back().date;
  int weeks = 0;
  for (const DatedFact& f : j.proceedings_extended) {
    if (f.date >= trigger) weeks += f.number;
  }
  const Date due = trigger + std::chrono::days{kProceedingsDays + 7 * weeks};
  out.push_back(MakeMilestone("care_proceedings", trigger, due,
                              FirstOnOrAfter(j.proceedings_concluded, trigger), j.as_at, settings));
}

// The placed-for-adoption instance: started by the first adoption plan (a
// PermanencePlanRecorded adoption or an AgencyDecisionMade) while none is running, ended by
// an AdoptionDecisionReversed; done by the first PlacedForAdoption in the period after the
// reversal that ended the previous instance (if any).
void PlacedForAdoptionMilestone(const PeriodOfCare& p, Date as_at, const TrackerSettings& settings,
                                std::vector<Milestone>& out) {
  struct Item {
    Date date;
    std::uint64_t position;
    bool reversal;
  };
  std::vector<Item> items;
  for (const DatedFact& f : p.plans) {
    if (f.value == "adoption") items.push_back({f.date, f.position, false});
  }
  for (const DatedFact& f : p.agency_decisions) items.push_back({f.date, f.position, false});
  for (const DatedFact& f : p.reversals) items.push_back({f.date, f.position, true});
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return std::tie(a.date, a.position) < std::tie(b.date, b.position);
  });
  std::optional<Date> trigger;
  std::optional<std::pair<Date, std::uint64_t>> last_reversal;
  for (const Item& i : items) {
    if (i.reversal) {
      trigger.reset();
      last_reversal = std::make_pair(i.date, i.position);
    } else if (!trigger) {
      trigger = i.date;
    }
  }
  if (!trigger) return;
  std::optional<Date> done;
  for (const DatedFact& f : p.placed_for_adoption) {
    if (!last_reversal || std::make_pair(f.date, f.position) > *last_reversal) {
      done = f.date;
      break;
    }
  }
  out.push_back(MakeMilestone("placed_for_adoption", *trigger,
                              p.start + std::chrono::days{kPlacedForAdoptionDays}, done, as_at,
                              settings));
}

void MatchMilestone(const PeriodOfCare& p, Date as_at, const TrackerSettings& settings,
                    std::vector<Milestone>& out) {
  const std::vector<Date> orders = PlacementOrderDates(p);
  if (orders.empty()) return;
  const Date trigger = orders.back();
  std::optional<Date> done;
  if (!p.matches.empty() && p.matches.front().date < trigger) {
    done = trigger;  // matched before the order: complete on the order's date
  } else {
    done = FirstOnOrAfter(p.matches, trigger);
  }
  out.push_back(MakeMilestone("match", trigger, trigger + std::chrono::days{kMatchDays}, done,
                              as_at, settings));
}

void PeriodMilestones(const PeriodOfCare& p, Date as_at, const TrackerSettings& settings,
                      std::vector<Milestone>& out) {
  const auto& reviews = p.reviews;
  auto review = [&](std::size_t k) {
    return k < reviews.size() ? std::optional<Date>(reviews[k].date) : std::nullopt;
  };
  out.push_back(
      MakeMilestone("first_review", p.start, ReviewDue(p, 0), review(0), as_at, settings));
  if (!reviews.empty()) {
    out.push_back(MakeMilestone("second_review", reviews[0].date, ReviewDue(p, 1), review(1), as_at,
                                settings));
  }
  if (reviews.size() >= 2) {
    const std::size_t k = reviews.size();  // the next review after the latest held
    out.push_back(MakeMilestone("next_review", reviews[k - 1].date, ReviewDue(p, k), std::nullopt,
                                as_at, settings));
  }
  const Date first_review = reviews.empty() ? ReviewDue(p, 0) : reviews[0].date;
  std::optional<Date> plan;
  if (!p.plans.empty()) plan = p.plans.front().date;
  out.push_back(MakeMilestone("permanence_plan", p.start,
                              AddMonths(first_review, kPermanencePlanMonths), plan, as_at,
                              settings));
}

}  // namespace

Milestone MakeMilestone(std::string id, Date trigger, Date due, std::optional<Date> done,
                        Date as_at, const TrackerSettings& settings) {
  Milestone m;
  m.id = std::move(id);
  m.trigger = trigger;
  m.due = due;
  m.done = done;
  if (done) {
    m.status = *done <= due ? "done_on_time" : "done_late";
    m.days = DaysBetween(trigger, *done);
  } else {
    m.days = DaysBetween(as_at, due);
    if (as_at > due) {
      m.status = "overdue";
    } else if (m.days <= settings.due_soon_days) {
      m.status = "due_soon";
    } else {
      m.status = "due";
    }
  }
  return m;
}

std::vector<Date> PlacementOrderDates(const PeriodOfCare& p) {
  // METRICS.md s6 names the fact: PlacementOrderMade (a legal status of E1 alone, without
  // the order event, starts no match milestone and no waiting alert).
  std::vector<Date> dates;
  for (const DatedFact& f : p.placement_orders) dates.push_back(f.date);
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return dates;
}

std::vector<Milestone> ComputeMilestones(const Journey& j, const TrackerSettings& settings) {
  std::vector<Milestone> all;
  ChildMilestones(j, settings, all);
  ProceedingsMilestone(j, settings, all);
  // Period milestones only while the period is open, and none on a short break.
  if (j.LookedAfterOn(j.as_at)) {
    const PeriodOfCare& p = *j.PeriodOpenOn(j.as_at);
    PeriodMilestones(p, j.as_at, settings, all);
    PlacedForAdoptionMilestone(p, j.as_at, settings, all);
    MatchMilestone(p, j.as_at, settings, all);
  }
  // List them in the order of kMilestoneIds.
  std::vector<Milestone> ordered;
  for (const char* id : kMilestoneIds) {
    for (Milestone& m : all) {
      if (m.id == id) ordered.push_back(std::move(m));
    }
  }
  return ordered;
}

}  // namespace cjl::projections
