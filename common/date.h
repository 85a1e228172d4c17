// Calendar dates for business facts: a day, no time zone. Built on C++20 <chrono>.
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace cjl {

using Date = std::chrono::sys_days;

// Strict "YYYY-MM-DD" (exactly 10 chars, a real calendar day); nullopt otherwise.
std::optional<Date> ParseIsoDate(std::string_view text);
// "DD/MM/YYYY" as used in SSDA903 CSV files; nullopt otherwise.
std::optional<Date> ParseUkDate(std::string_view text);
std::string FormatIsoDate(Date d);

inline Date MakeDate(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// Calendar months: same day-of-month, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).
Date AddMonths(Date d, int months);
inline Date AddYears(Date d, int years) { return AddMonths(d, 12 * years); }
// Calendar days, later - earlier.
inline long DaysBetween(Date earlier, Date later) { return (later - earlier).count(); }

// Today in UTC, from the system clock. Only the edges (CLI, ledger) call this; pure
// code takes the date as an argument.
Date TodayUtc();

}  // namespace cjl
