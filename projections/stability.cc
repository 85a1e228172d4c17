// Placement stability per child (see stability.h).
#include "projections/stability.h"

#include "events/codes.h"

namespace cjl::projections {

int PlacementsInYearTo(const std::vector<PlacementSpell>& placements, Date d) {
  return CountPlacementsBetween(placements, YearStart(d), d);
}

bool Under16On(const Journey& journey, Date d) {
  if (!journey.date_of_birth) return false;
  return AddYears(*journey.date_of_birth, 16) > d;
}

bool InLongTermCohort(const Journey& journey, Date d) {
  if (!journey.LookedAfterOn(d) || !Under16On(journey, d)) return false;
  const PeriodOfCare* period = journey.PeriodOpenOn(d);
  std::optional<Date> start = period->StartWithoutShortBreaks();
  return start && *start <= AddMonths(d, -30);
}

bool InLongTermNumerator(const Journey& journey, const std::vector<PlacementSpell>& placements,
                         Date d) {
  const Date two_years_before = AddYears(d, -2);
  const PlacementSpell* current = PlacementCovering(placements, d);
  if (current != nullptr && current->start <= two_years_before) return true;

  const PeriodOfCare* period = journey.PeriodOpenOn(d);
  if (period == nullptr) return false;
  const Episode* effective = period->EffectivePlacementOn(d);
  if (effective == nullptr ||
      !events::codes::IsAdoptivePlacement(effective->placement.placement_type)) {
    return false;
  }
  // The first A3-A6 episode of the current run of adoptive placements: walk back through
  // adoptive and temporary episodes; an earlier adoptive placement that disrupted (a
  // non-adoptive placement in between) does not count.
  const auto index = static_cast<std::size_t>(effective - period->episodes.data());
  std::size_t run_start = index;
  for (std::size_t j = index; j-- > 0;) {
    const Episode& e = period->episodes[j];
    if (e.temporary()) continue;
    if (!events::codes::IsAdoptivePlacement(e.placement.placement_type)) break;
    run_start = j;
  }
  const Date adoptive_start = period->episodes[run_start].start;
  Date combined_start = adoptive_start;
  const std::size_t period_index = static_cast<std::size_t>(period - journey.periods.data());
  const PlacementSpell* before =
      PlacementCovering(placements, adoptive_start - std::chrono::days{1});
  if (before != nullptr && before->period_index == period_index && before->start < combined_start) {
    combined_start = before->start;
  }
  return combined_start <= two_years_before;
}

}  // namespace cjl::projections
