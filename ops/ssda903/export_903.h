// Exporting SSDA903 files from events: the work of `cjl export-903`, and the 903 form of
// the generator's output. Episodes come from the projections' derivation
// (projections::BuildJourney, METRICS.md section 2), never from a second one here.
// Owned by ops/ssda903. ReturnWriter is not thread-safe; the functions are pure.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "common/date.h"
#include "common/result.h"
#include "ledger/ledger.h"
#include "ops/ssda903/csv.h"
#include "ops/ssda903/return_files.h"
#include "projections/child_facts.h"

namespace cjl::ssda903 {

// The dates a return covers: episodes open on any day of [first, last], facts dated in it.
struct Window {
  Date first{};
  Date last{};
  // Collection year Y: 1 April Y-1 to 31 March Y.
  static Window CollectionYear(int year);
};

// Appends to `out` the child's rows for the window: the header (if the child has an
// episode in the window), the episodes open in it, AD1 for adoptions in it, the
// should-be-placed-for-adoption decisions still in force in it, reviews and missing
// episodes dated in it. Facts after window.last are not used.
void ChildReturnRows(const projections::ChildFacts& facts, const Window& window, ReturnRows& out);

// Writes header.csv, episodes.csv, ad1.csv, placed_for_adoption.csv, reviews.csv and
// missing.csv in DfE's column layout (dates DD/MM/YYYY, SEX 1/2) into a directory.
class ReturnWriter {
 public:
  struct Counts {
    std::uint64_t children = 0, episodes = 0, ad1 = 0, placed_for_adoption = 0, reviews = 0,
                  missing = 0;
  };
  // Creates the directory if needed and truncates the files.
  Status Open(const std::string& dir);
  // Writes one child's rows (ChildReturnRows) at once.
  void AddChild(const projections::ChildFacts& facts, const Window& window);
  void Write(const ReturnRows& child_rows);
  Status Close();
  const Counts& counts() const { return counts_; }

 private:
  CsvWriter header_, episodes_, ad1_, pfa_, reviews_, missing_;
  Counts counts_;
};

struct ExportOptions {
  int year = 0;     // the collection year (ending 31 March `year`)
  std::string out;  // directory
  std::function<void(std::uint64_t, std::uint64_t)> progress;  // (children done, all)
};

// Reads every child's stream from the ledger and writes the year's files.
// Errors: kUnavailable (writing files, reading the ledger), kCorruption.
Result<ReturnWriter::Counts> Export903(const ExportOptions& options, const ledger::Ledger& ledger);

}  // namespace cjl::ssda903
