// The scorecard: every figure of METRICS.md sections 3-5 for one authority as at a date,
// with the children behind each figure. Owned by projections/. Pure; thread-safe.
//
// "The year" is the 12 months ending on as_at (METRICS.md s1); the adoption window is the
// 3 years ending on it, and a single-year adoption window is given as well.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/date.h"
#include "projections/child_facts.h"
#include "projections/placements.h"

namespace cjl::projections {

// A percentage: numerator over denominator, with the children behind each (ids sorted).
// For reviews in time the counts are reviews and the lists the children with them.
struct Proportion {
  long numerator = 0;
  long denominator = 0;
  std::vector<std::string> numerator_children;
  std::vector<std::string> denominator_children;
  // 100 * numerator / denominator, unrounded; nullopt when the denominator is 0 (reading 13).
  std::optional<double> percent() const;
};

// A mean (and median) of day counts over children.
struct DaysFigure {
  std::vector<std::string> children;
  std::vector<long> days;  // parallel to children
  std::optional<double> mean() const;
  std::optional<double> median() const;
};

struct AdoptionFigures {
  Date window_start{};
  Date window_end{};
  std::vector<std::string> adopted;  // every child adopted in the window (last adoption)
  DaysFigure a1;                     // children with an A3-A6 placement
  DaysFigure a10;                    // the same children, foster-carer adoptions walked back
  DaysFigure a2;                     // with a placement order, placed, and a match date
  Proportion a3;                     // of the A1 children: A1 under 426 days (strictly)
  Proportion a2_within_threshold;    // of the A2 children: A2 of 121 days or less
  // DfE's stages, each over the children with both dates.
  std::vector<std::pair<std::string, DaysFigure>> stages;
};

struct ScorecardSettings {
  // The authority's 0-17 population, for the CLA rate per 10,000; none gives null.
  std::optional<long> population_0_17;
};

struct Scorecard {
  Date as_at{};
  CountingProfile profile = CountingProfile::kDfe;
  Date year_start{};
  std::optional<long> population_0_17;
  std::vector<std::string> looked_after;  // CLA at as_at, short breaks out
  std::vector<std::string> started;       // started in the year (short-break starts out)
  std::vector<std::string> ceased;        // ceased in the year, once, by the last occasion
  // Ceasers by the reason of their last occasion: adopted, special_guardianship,
  // child_arrangements, returned_home, other (E5/E6 under other, reading 12).
  std::vector<std::pair<std::string, std::vector<std::string>>> ceased_by_reason;
  std::vector<std::string> ceased_independent_living;  // E5, E6 (a detail of `other`)
  DaysFigure period_length;  // per ceaser: days of the period that ended (weeks = days / 7)
  Proportion placed_with_parents;
  Proportion in_house_fostering;
  Proportion connected_carers;
  std::vector<std::pair<std::string, Proportion>> placement_type;
  Proportion three_plus_placements;
  Proportion long_term_stability;
  Proportion reviews_in_time;
  AdoptionFigures adoption;              // 3 years ending on as_at
  AdoptionFigures adoption_single_year;  // 12 months ending on as_at

  std::optional<double> cla_rate_per_10000() const;
  std::optional<double> starters_to_ceasers() const;  // starters / ceasers
  std::optional<double> weeks_in_care_mean() const;
};

Scorecard ComputeScorecard(const AuthorityState& state, Date as_at, CountingProfile profile,
                           const ScorecardSettings& settings = {});

// The scorecard as JSON: the keys of the contract (as_at, profile, children_looked_after,
// started_in_year, ceased_in_year, ceased_by_reason, three_plus_placements,
// long_term_stability, adoption{...}) plus the other figures and, under "children", the
// child ids behind each figure. Numbers unrounded; a 0 denominator gives null.
nlohmann::json ScorecardToJson(const Scorecard& s);
// An aligned, labelled table naming the profile; percentages to one decimal place.
std::string ScorecardToTable(const Scorecard& s);
// "figure,value" rows (value empty when null), unrounded.
std::string ScorecardToCsv(const Scorecard& s);

// The placement-type group of a 903 PLACE code (METRICS.md s5): foster, placed_for_adoption,
// with_parents, homes_and_secure, supported_independent, residential_other, other.
const char* PlacementGroup(std::string_view place);
// The ceased_by_reason key of a 903 REC: adopted, special_guardianship, child_arrangements,
// returned_home or other.
const char* CeasedReasonGroup(std::string_view rec);

}  // namespace cjl::projections
