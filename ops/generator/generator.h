// The synthetic journey generator: plausible, calibrated journeys of children for one
// authority, as events of EVENTS.md v1 that pass the contract and the domain rules. Used
// by `cjl generate` (JSON Lines or 903 CSV files) and by `cjl demo` as its upstream
// publisher. Owned by ops/generator. Thread-safe: no shared state, no global RNG; each
// child draws from its own std::mt19937_64 seeded from (seed, child index), so a child's
// journey does not depend on how many children come before it or on threads.
//
// Calibration (see README.md): about 10% of children looked after with 3+ placements in
// the year, about 69% long-term stability, about 9% of ceasers adopted and 12% leaving on
// a special guardianship order, about 19 months from entry to placement for adoption.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/date.h"
#include "events/event.h"

namespace cjl::generator {

struct GeneratorOptions {
  std::uint64_t children = 1000;
  int from_year = 2015;  // journeys start on or after 1 January from_year
  int to_year = 2024;    // and nothing is dated after 31 December to_year
  std::uint64_t seed = 1;
  // Nothing is dated after this day either (the command passes today; the contract
  // rejects future dates).
  Date last_date = Date::max();
  std::string source = "generator";
  std::string child_prefix = "G";  // child ids are prefix + 7-digit index
  std::uint64_t first_index = 0;   // index of the first child (e.g. to extend a data set)
};

// The first and last day events may carry.
Date FirstDay(const GeneratorOptions& options);
Date LastDay(const GeneratorOptions& options);

// One child's events (child number `index`, from 0), in the order to append: by date,
// and within a day in business order (a period starts before its facts, ends after them).
// Event ids are "<child_id>-<4-digit sequence>".
std::vector<events::Event> GenerateChild(const GeneratorOptions& options, std::uint64_t index);

// Every child's events, child after child (GenerateChild for first_index ..
// first_index + children - 1). Streams: one child is held at a time. `child_done` (optional)
// is called after each child with the number of children done.
void GenerateJourneys(const GeneratorOptions& options,
                      const std::function<void(const events::Event&)>& sink,
                      const std::function<void(std::uint64_t)>& child_done = {});

}  // namespace cjl::generator
