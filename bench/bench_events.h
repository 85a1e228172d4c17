// Shared by the benchmarks: scratch directories and a deterministic event mix.
#pragma once

#include <filesystem>
#include <string>

#include "events/event.h"

namespace cjl::bench {

// A fresh directory under the system temp dir (emptied if it exists).
inline std::string ScratchDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("cjl-bench-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

// The n-th event of a stream mix: every 8th event starts a new child's period of care,
// the rest are placement moves of that child (each to a new carer).
inline events::Event NthEvent(std::uint64_t n) {
  events::Event e;
  e.event_id = "bench-" + std::to_string(n);
  e.child_id = "C" + std::to_string(n / 8);
  e.source = "bench";
  e.occurred_on = MakeDate(2022, 1, 1) + std::chrono::days(n % 8);
  events::Placement p;
  p.placement_type = "U4";
  p.provider = "PR1";
  p.carer_id = "K" + std::to_string(n);
  p.postcode_district = "TS1";
  e.payload.placement = p;
  if (n % 8 == 0) {
    e.type = events::EventType::kPeriodOfCareStarted;
    e.payload.legal_status = "C2";
    e.payload.category_of_need = "N1";
  } else {
    e.type = events::EventType::kPlacementMoved;
    e.payload.reason_previous_ended = "CARPL";
  }
  return e;
}

}  // namespace cjl::bench
