// Tests of the bank-holiday table and working-day arithmetic.
#include "projections/bank_holidays.h"

#include <gtest/gtest.h>

#include <map>

#include "projections/test_events.h"

namespace cjl::projections {
namespace {

using testing::D;

// Easter Sunday by the anonymous Gregorian algorithm, to cross-check the table.
Date Easter(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25,
      g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4,
      l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return MakeDate(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

TEST(BankHolidays, TableIsSortedAndCoversEveryYear) {
  std::map<int, int> per_year;
  Date previous = D("2009-12-31");
  for (const BankHoliday& h : BankHolidays()) {
    const Date d = MakeDate(h.year, h.month, h.day);
    EXPECT_LT(previous, d) << h.name;
    previous = d;
    ++per_year[h.year];
    const std::chrono::weekday wd{d};
    EXPECT_NE(wd, std::chrono::Saturday) << FormatIsoDate(d);
    EXPECT_NE(wd, std::chrono::Sunday) << FormatIsoDate(d);
  }
  for (int y = kBankHolidayFirstYear; y <= kBankHolidayLastYear; ++y) {
    int expected = 8;
    if (y == 2011 || y == 2012 || y == 2023) expected = 9;
    if (y == 2022) expected = 10;
    EXPECT_EQ(per_year[y], expected) << y;
  }
}

TEST(BankHolidays, EasterFallsOnGoodFridayAndEasterMondayEveryYear) {
  for (int y = kBankHolidayFirstYear; y <= kBankHolidayLastYear; ++y) {
    EXPECT_TRUE(IsBankHoliday(Easter(y) - std::chrono::days{2})) << y;
    EXPECT_TRUE(IsBankHoliday(Easter(y) + std::chrono::days{1})) << y;
  }
}

TEST(BankHolidays, OneOffAndMovedDaysAreHolidaysAndTheUsualDaysAreNot) {
  for (const char* d : {"2011-04-29", "2012-06-04", "2012-06-05", "2020-05-08", "2022-06-02",
                        "2022-06-03", "2022-09-19", "2023-05-08"}) {
    EXPECT_TRUE(IsBankHoliday(D(d))) << d;
  }
  // The days the moved holidays would have fallen on.
  for (const char* d : {"2012-05-28", "2020-05-04", "2022-05-30"})
    EXPECT_FALSE(IsBankHoliday(D(d))) << d;
}

TEST(BankHolidays, SubstituteDaysFollowWeekendHolidays) {
  EXPECT_TRUE(IsBankHoliday(D("2010-12-27")));  // Christmas on a Saturday
  EXPECT_TRUE(IsBankHoliday(D("2010-12-28")));
  EXPECT_TRUE(IsBankHoliday(D("2022-01-03")));  // New Year's Day on a Saturday
  EXPECT_TRUE(IsBankHoliday(D("2022-12-26")));  // Christmas on a Sunday: Boxing Day Monday,
  EXPECT_TRUE(IsBankHoliday(D("2022-12-27")));  // Christmas substitute Tuesday
  EXPECT_TRUE(IsBankHoliday(D("2020-12-28")));  // Boxing Day on a Saturday
  EXPECT_TRUE(IsBankHoliday(D("2023-01-02")));  // New Year's Day on a Sunday
}

TEST(WorkingDays, SkipWeekendsAndEaster2022) {
  // Thursday 14 April 2022; Good Friday 15, Easter Monday 18: next working day Tuesday 19.
  EXPECT_EQ(AddWorkingDays(D("2022-04-14"), 1), D("2022-04-19"));
  EXPECT_EQ(AddWorkingDays(D("2022-04-14"), 0), D("2022-04-14"));
  // Friday 1 April 2022 + 20: Apr 4-8 (5), 11-14 (9), 19-22 (13), 25-29 (18), [2 May early
  // May bank holiday], 3 May (19), 4 May (20).
  EXPECT_EQ(AddWorkingDays(D("2022-04-01"), 20), D("2022-05-04"));
}

TEST(WorkingDays, SkipThePlatinumJubileeDays) {
  // Wednesday 1 June 2022; Thursday 2 and Friday 3 June are holidays: Monday 6 June.
  EXPECT_EQ(AddWorkingDays(D("2022-06-01"), 1), D("2022-06-06"));
  // Friday 20 May + 20: May 23-27 (5), 30-31 (7), Jun 1 (8), Jun 6-10 (13), 13-17 (18),
  // 20 (19), 21 (20).
  EXPECT_EQ(AddWorkingDays(D("2022-05-20"), 20), D("2022-06-21"));
}

TEST(WorkingDays, OutsideTheTableOnlyWeekendsAreSkipped) {
  EXPECT_TRUE(IsWorkingDay(D("2031-01-01")));  // a Wednesday, New Year's Day
  EXPECT_TRUE(IsWorkingDay(D("2009-12-25")));  // a Friday, Christmas Day
  EXPECT_EQ(AddWorkingDays(D("2030-12-31"), 1), D("2031-01-01"));
  EXPECT_FALSE(IsWorkingDay(D("2031-01-04")));  // Saturday
}

}  // namespace
}  // namespace cjl::projections
