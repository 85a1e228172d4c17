// Looked-after review timescales (Care Planning, Placement and Case Review Regulations
// 2010, reg 33; METRICS.md section 6). Owned by projections/. Pure; thread-safe.
#pragma once

#include <cstddef>

#include "common/date.h"
#include "projections/journey.h"

namespace cjl::projections {

inline constexpr int kFirstReviewWorkingDays = 20;
inline constexpr int kSecondReviewMonths = 3;
inline constexpr int kLaterReviewMonths = 6;

// The due date of the k-th review (0-based) of the period: the first 20 working days after
// the period starts, the second 3 months after the first, each later one 6 months after
// the one before. REQUIRES: k <= period.reviews.size().
Date ReviewDue(const PeriodOfCare& period, std::size_t k);

}  // namespace cjl::projections
