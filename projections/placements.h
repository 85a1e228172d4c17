// Placements as the stability figures count them, from a journey's episodes, under a
// counting profile (METRICS.md section 3 choices A-D, section 7 readings 4-6).
// Owned by projections/. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "projections/journey.h"

namespace cjl::projections {

// The counting profile: which reading of DfE's wording a report uses. Printed with every
// figure. kDfe is the default.
enum class CountingProfile {
  kDfe,             // A: same-carer changes (RNE T, U) start no new placement
  kCountSameCarer,  // A: they do, except placed for adoption with the current foster
                    //    carers (A3/A5), which never counts
};
// "dfe", "count-same-carer"; nullopt for any other name.
std::optional<CountingProfile> ProfileFromName(std::string_view name);
const char* ProfileName(CountingProfile profile);

// One placement: a spell with one carer (or, under kCountSameCarer, one set of details).
struct PlacementSpell {
  Date start{};
  std::optional<Date> end;        // the day it ended (next placement's start or the period's
                                  // end); none while open at the as-at date
  std::size_t period_index = 0;   // into Journey::periods
  std::size_t first_episode = 0;  // into the period's episodes
  std::size_t last_episode = 0;   // the last non-temporary episode it covers
  std::string carer_id;
  std::string placement_type;  // PLACE of its first episode
  std::string reason_ended;    // REASON_PLACE_CHANGE when it ended by a move
  // Covers day d: started on or before d and not ended on or before d.
  bool Covers(Date d) const { return start <= d && (!end || *end > d); }
};

// The placements of one period of care, in order:
//  - temporary placements (T0-T4) are not placements; they extend the placement they
//    interrupt, and a return to the same carer continues it (whatever the details) while a
//    return to a different carer starts a new placement on the day of return (B, reading 4);
//  - short-break (V3/V4) episodes are never placements and end the placement before them;
//  - a carer's whole spell that starts and ends on the same day is not a placement
//    (D, reading 5).
std::vector<PlacementSpell> PeriodPlacements(const PeriodOfCare& period, std::size_t period_index,
                                             CountingProfile profile);
// Every period's placements (a new period starts a new placement, C), by start date.
std::vector<PlacementSpell> ChildPlacements(const Journey& journey, CountingProfile profile);

// Placements covering at least one day of [first, last]: one that ends on `first` (a move
// that day) covers none (reading 2); one that starts on `last` counts.
int CountPlacementsBetween(const std::vector<PlacementSpell>& placements, Date first, Date last);
// The placement covering day d, or nullptr.
const PlacementSpell* PlacementCovering(const std::vector<PlacementSpell>& placements, Date d);

}  // namespace cjl::projections
