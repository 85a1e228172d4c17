// Adoption timelines (see adoption.h).
#include "projections/adoption.h"

#include <algorithm>

#include "events/codes.h"

namespace cjl::projections {

bool IsAdoptionReason(const std::string& rec) { return rec == "E11" || rec == "E12"; }

AdoptionTimeline TimelineOf(const Journey& journey, std::size_t period_index) {
  const PeriodOfCare& p = journey.periods[period_index];
  AdoptionTimeline t;
  t.period_index = period_index;
  t.entered_care = p.start;
  t.adopted = p.end.value_or(journey.as_at);
  t.rec = p.end_reason;
  if (!p.agency_decisions.empty()) t.agency_decision = p.agency_decisions.back().date;
  for (const Episode& e : p.episodes) {
    if (e.legal_status == "E1" || e.legal_status == "D1") {
      t.placement_order = e.start;
      break;
    }
  }
  if (!p.matches.empty()) {
    t.matched = p.matches.back().date;
  } else if (!journey.matches.empty()) {
    t.matched = journey.matches.back().date;
  }

  // The first adoptive placement, and for adoption by foster carers the walk back through
  // same-carer changes, legal status changes and temporary placements (reading 11).
  std::optional<std::size_t> first_adoptive;
  for (std::size_t i = 0; i < p.episodes.size(); ++i) {
    if (events::codes::IsAdoptivePlacement(p.episodes[i].placement.placement_type)) {
      first_adoptive = i;
      break;
    }
  }
  if (first_adoptive) {
    const Episode& a = p.episodes[*first_adoptive];
    t.placed = a.start;
    t.by_foster_carers = a.placement.placement_type == "A3" || a.placement.placement_type == "A5" ||
                         p.adopted_by_foster_carers;
    std::size_t moved = *first_adoptive;
    if (t.by_foster_carers) {
      for (std::size_t j = *first_adoptive; j-- > 0;) {
        const Episode& e = p.episodes[j];
        if (e.temporary()) continue;
        if (e.placement.carer_id != a.placement.carer_id) break;
        moved = j;
      }
    }
    t.moved_in = p.episodes[moved].start;
    t.a1_days = DaysBetween(t.entered_care, *t.placed);
    t.a10_days = DaysBetween(t.entered_care, *t.moved_in);
    // "Not placed before the adoption order" leaves the child out of A2: an adoptive
    // placement that starts on the order's day does not count.
    if (t.placement_order && t.matched && *t.placed < t.adopted) {
      t.a2_days = std::max(0L, DaysBetween(*t.placement_order, *t.matched));
    }
  } else {
    t.by_foster_carers = p.adopted_by_foster_carers;
  }
  return t;
}

std::optional<AdoptionTimeline> LastAdoptionBetween(const Journey& journey, Date first, Date last) {
  for (std::size_t i = journey.periods.size(); i-- > 0;) {
    const PeriodOfCare& p = journey.periods[i];
    if (p.end && *p.end >= first && *p.end <= last && IsAdoptionReason(p.end_reason)) {
      return TimelineOf(journey, i);
    }
  }
  return std::nullopt;
}

}  // namespace cjl::projections
