// Placement stability per child as at a day (METRICS.md section 3, readings 2, 6-8):
// placements in the 12 months, and the long-term stability cohort and numerator.
// Owned by projections/. Pure functions; thread-safe.
//
// The functions take a journey built as at a date on or after `d`; facts after `d` do
// not change the answer for `d` (a placement still open on d covers d whatever its end).
#pragma once

#include <vector>

#include "common/date.h"
#include "projections/journey.h"
#include "projections/placements.h"

namespace cjl::projections {

// Placements covering at least one day of the 12 months ending on d (3+ placements and
// the tracker's rolling count use the same rule).
int PlacementsInYearTo(const std::vector<PlacementSpell>& placements, Date d);

// Under 16 on d: the 16th birthday is after d; a 29 February birthday falls on 28
// February in other years (reading 8). False when the date of birth is not known.
bool Under16On(const Journey& journey, Date d);

// Long-term stability cohort on d: looked after (not a short break), under 16, and in the
// current period of care (short-break episodes at its start left out) since on or before
// d minus 30 months (reading 7).
bool InLongTermCohort(const Journey& journey, Date d);

// Long-term stability numerator condition on d (the cohort is checked separately): the
// current placement (per profile) started on or before d minus 2 years; or the child is
// placed for adoption (A3-A6) and the adoptive placement, from the first A3-A6 episode of
// the current run of adoptive placements, together with the placement covering the day
// before it, started on or before d minus 2 years (reading 7).
bool InLongTermNumerator(const Journey& journey, const std::vector<PlacementSpell>& placements,
                         Date d);

}  // namespace cjl::projections
