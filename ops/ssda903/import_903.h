// Importing an SSDA903 return (or several years of them) into the ledger: the work of
// `cjl import-903`. Owned by ops/ssda903. Not thread-safe: one import at a time per ledger
// handle (the ledger itself is thread-safe).
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "common/result.h"
#include "ledger/ledger.h"

namespace cjl::ssda903 {

struct ImportOptions {
  std::string dir;                   // holds the CSV files (and/or one subdirectory per year)
  std::string source = "ssda903";    // the events' `source`
  std::size_t batch_events = 16384;  // events per Ledger::AppendBatch (one group commit)
  // Called now and then with (children done, children in all).
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

struct ImportSummary {
  std::uint64_t files = 0;
  std::uint64_t rows_read = 0;
  std::uint64_t children = 0;
  std::uint64_t repeated_rows = 0;  // rows that repeat another (e.g. an episode in two years)
  std::uint64_t events_appended = 0;
  std::uint64_t duplicates = 0;  // events the ledger already held (an earlier import)
  std::uint64_t rejects = 0;     // lines written to `rejects`
  double load_seconds = 0;       // reading and checking the files
  double total_seconds = 0;
  std::string ToString() const;  // the one-line summary the command prints
};

// Loads the files, maps each child's rows to events (child_mapping.h) and appends them
// with Ledger::AppendBatch in child order (all of one child's events, by date, before the
// next child's). Every row that cannot be mapped, and every event the ledger rejects, is
// written to `rejects` as one JSON object per line: {"file","line","column","child",
// "reason"}. Errors: kNotFound (no 903 files in dir), kUnavailable / kCorruption (reading a
// file or the ledger failed; what was acknowledged before stays durable).
Result<ImportSummary> Import903(const ImportOptions& options, ledger::Ledger& ledger,
                                std::ostream& rejects);

}  // namespace cjl::ssda903
