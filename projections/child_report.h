// One child's journey as at a date, for people: periods of care, SSDA903 episodes with
// RNE, placements (per profile), legal statuses, orders, plan, the adoption chain,
// reviews, proceedings, child protection, referrals, and the child's tracker row.
// Owned by projections/. Pure functions; thread-safe.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/date.h"
#include "projections/child_facts.h"
#include "projections/placements.h"
#include "projections/tracker.h"

namespace cjl::projections {

nlohmann::json ChildReportJson(const ChildFacts& facts, Date as_at, const TrackerSettings& settings,
                               CountingProfile profile = CountingProfile::kDfe);
// The same, as readable text.
std::string ChildReportText(const ChildFacts& facts, Date as_at,
                            const TrackerSettings& settings = {},
                            CountingProfile profile = CountingProfile::kDfe);

}  // namespace cjl::projections
