// Internals of the generator: the per-child random source, the journal that collects a
// child's events, and the simulation of one period of care. Owned by ops/generator.
// Not thread-safe (one instance per child being generated).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "common/date.h"
#include "events/event.h"

namespace cjl::generator::internal {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  double Uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(g_); }
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g_); }
  bool Chance(double p) { return Uniform() < p; }
  double Exp(double mean) { return std::exponential_distribution<double>(1.0 / mean)(g_); }
  // An index drawn with the given weights (which need not sum to 1).
  template <std::size_t N>
  std::size_t Weighted(const std::array<double, N>& w) {
    double total = 0;
    for (double x : w) total += x;
    double u = Uniform() * total;
    for (std::size_t i = 0; i < N; ++i) {
      if (u < w[i]) return i;
      u -= w[i];
    }
    return N - 1;
  }
  template <typename T, std::size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(Int(0, static_cast<int>(N) - 1))];
  }

 private:
  std::mt19937_64 g_;
};

// Business order within a day.
enum Rank : int {
  kRankRegistration = 0,
  kRankFrontDoor = 1,
  kRankStart = 2,
  kRankChange = 3,
  kRankFact = 4,
  kRankEnd = 5,
};

// A child's events as they are made; Finish orders them and gives them ids.
class Journal {
 public:
  Journal(std::string child_id, std::string source, Date dob, Date first, Date last)
      : child_id_(std::move(child_id)),
        source_(std::move(source)),
        dob_(dob),
        first_(first),
        last_(last) {}
  // The event to fill in, or nullptr when `on` falls outside the data's dates (the fact
  // happens after the data ends and is not recorded).
  events::Event* Add(events::EventType type, Date on, Rank rank);
  std::vector<events::Event> Finish();
  const std::string& child_id() const { return child_id_; }
  Date dob() const { return dob_; }
  Date first() const { return first_; }
  Date last() const { return last_; }
  // A new carer id for this child.
  std::string NewCarerId() { return child_id_ + ".k" + std::to_string(++carers_); }
  int NextCaseNumber() { return ++cases_; }

 private:
  struct Draft {
    events::Event event;
    int rank;
    std::size_t seq;
  };
  std::string child_id_, source_;
  Date dob_, first_, last_;
  std::vector<Draft> drafts_;
  int carers_ = 0;
  int cases_ = 0;
};

enum class Pathway {
  kReturnHome,
  kAdoption,
  kSpecialGuardianship,
  kChildArrangements,
  kLongTerm,     // long-term care to 18 (or the data's end)
  kLeavingCare,  // entered at 16+: to 18 or independent living
};

inline int AgeOn(Date dob, Date d) {
  std::chrono::year_month_day b{dob}, t{d};
  int age = int(t.year()) - int(b.year());
  if (t.month() < b.month() || (t.month() == b.month() && t.day() < b.day())) --age;
  return age;
}

Pathway ChoosePathway(Rng& rng, int age);

// Simulates one period of care starting on `start` along `pathway`, writing its events to
// the journal. Returns the day it ended, or nullopt when it is still open at the data's
// end.
std::optional<Date> SimulatePeriod(Journal& journal, Rng& rng, Date start, Pathway pathway);

// A series of short breaks (V3 periods of a few days) from `start`; returns the last day.
Date SimulateShortBreaks(Journal& journal, Rng& rng, Date start);

}  // namespace cjl::generator::internal
