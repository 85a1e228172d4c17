// Review timescales (see reviews.h).
#include "projections/reviews.h"

#include "projections/bank_holidays.h"

namespace cjl::projections {

Date ReviewDue(const PeriodOfCare& period, std::size_t k) {
  if (k == 0) return AddWorkingDays(period.start, kFirstReviewWorkingDays);
  if (k == 1) return AddMonths(period.reviews[0].date, kSecondReviewMonths);
  return AddMonths(period.reviews[k - 1].date, kLaterReviewMonths);
}

}  // namespace cjl::projections
