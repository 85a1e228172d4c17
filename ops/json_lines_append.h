// Appending JSON Lines to the ledger (the work of `cjl append`): parse each line, append
// the valid ones in batches, write each rejected line to `rejects` as one JSON object
// {"line", "event_id" (if any), "errors": [{"field", "message"}], "input"} so nothing is lost.
// Not thread-safe; one call at a time per stream.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>

#include "common/result.h"
#include "ledger/ledger.h"

namespace cjl::ops {

struct AppendCounts {
  std::uint64_t lines = 0;
  std::uint64_t appended = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t rejected = 0;
};

// Returns the counts, or kUnavailable/kCorruption if the ledger failed (what was counted
// as appended before the failure is durable).
Result<AppendCounts> AppendJsonLines(std::istream& in, ledger::Ledger& ledger,
                                     std::ostream& rejects, bool show_progress);

}  // namespace cjl::ops
