// Adoption timeliness per child: the dates behind A1, A10, A2, A3 and DfE's stages
// (METRICS.md section 4, section 7 readings 9-11). Owned by projections/. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "common/date.h"
#include "projections/journey.h"

namespace cjl::projections {

// A1 and A3's threshold (14 months) and A2's (4 months), in days.
inline constexpr long kA1ThresholdDays = 426;
inline constexpr long kA2ThresholdDays = 121;

// One adoption: the period of care that ended E11/E12 and the dates of its chain.
struct AdoptionTimeline {
  std::size_t period_index = 0;
  Date entered_care{};                  // start of the period that ended in adoption
  Date adopted{};                       // the adoption order (end of that period)
  std::string rec;                      // E11 or E12
  bool by_foster_carers = false;        // first adoptive placement A3/A5, or recorded so
  std::optional<Date> agency_decision;  // the latest AgencyDecisionMade in the period
  std::optional<Date> placement_order;  // the first E1 (or D1) legal status in the period
  std::optional<Date> matched;          // the latest match in the period, else the latest at all
  std::optional<Date> placed;           // the first A3-A6 episode in the period
  std::optional<Date> moved_in;         // A10's end date: placed, or for adoption by foster
                                        // carers the day the child moved in with them
  std::optional<long> a1_days;          // placed - entered_care
  std::optional<long> a10_days;         // moved_in - entered_care
  std::optional<long> a2_days;          // max(0, matched - placement_order); needs all three,
                                        // and placed before the adoption order
};

// The timeline of the adoption that ended journey.periods[period_index].
// REQUIRES: that period ended with E11 or E12.
AdoptionTimeline TimelineOf(const Journey& journey, std::size_t period_index);

// The child's last adoption with its order in [first, last] (a child adopted twice in a
// window counts once, by the last adoption; reading 10), or nullopt.
std::optional<AdoptionTimeline> LastAdoptionBetween(const Journey& journey, Date first, Date last);

bool IsAdoptionReason(const std::string& rec);  // E11, E12

}  // namespace cjl::projections
