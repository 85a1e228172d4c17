#include "common/date.h"

#include <cctype>
#include <cstdio>

namespace cjl {
namespace {

std::optional<int> Digits(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<Date> FromParts(std::optional<int> y, std::optional<int> m, std::optional<int> d) {
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{unsigned(*m)},
                                  std::chrono::day{unsigned(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  return FromParts(Digits(t.substr(0, 4)), Digits(t.substr(5, 2)), Digits(t.substr(8, 2)));
}

std::optional<Date> ParseUkDate(std::string_view t) {
  if (t.size() != 10 || t[2] != '/' || t[5] != '/') return std::nullopt;
  return FromParts(Digits(t.substr(6, 4)), Digits(t.substr(3, 2)), Digits(t.substr(0, 2)));
}

std::string FormatIsoDate(Date d) {
  std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

Date AddMonths(Date d, int months) {
  std::chrono::year_month_day ymd{d};
  auto ym = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
  auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}};
  auto day = ymd.day() > last.day() ? last.day() : ymd.day();
  return std::chrono::sys_days{ym.year() / ym.month() / day};
}

Date TodayUtc() { return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()); }

}  // namespace cjl
