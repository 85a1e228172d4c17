// Working days: Monday to Friday less the England and Wales bank holidays, from a
// versioned reference table (bank_holidays.cc) covering 2010-2030. Owned by projections/.
// Immutable data and pure functions; thread-safe.
//
// Outside the table's years only weekends are skipped (METRICS.md section 6).
#pragma once

#include <span>

#include "common/date.h"

namespace cjl::projections {

// The version of the bank-holiday table; bumped whenever a date is added or corrected
// (e.g. a newly announced one-off day), and printed by the reports that use it.
inline constexpr const char* kBankHolidayTableVersion = "england-and-wales/2010-2030/v1";
inline constexpr int kBankHolidayFirstYear = 2010;
inline constexpr int kBankHolidayLastYear = 2030;

struct BankHoliday {
  int year;
  unsigned month;
  unsigned day;
  const char* name;
};

// Every bank holiday of the table, in date order.
std::span<const BankHoliday> BankHolidays();

bool IsBankHoliday(Date d);
// Monday to Friday and not a bank holiday.
bool IsWorkingDay(Date d);
// The n-th working day after `from` (the start day itself is never counted);
// AddWorkingDays(d, 0) == d. REQUIRES: n >= 0.
Date AddWorkingDays(Date from, int n);

}  // namespace cjl::projections
