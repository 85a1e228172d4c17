// Rebuild benchmarks (issue 4): replaying the ledger into the projections, against a raw
// RocksDB scan of the same ledger's events column family in the same run.
//   FoldRebuild  : consumers::FoldLedger, the ledger's records as facts into an
//                  AuthorityState (what `cjl report` does)
//   StoreRebuild : consumers::RebuildProjectionStore (what `cjl rebuild` does: fold and
//                  write every child's state to a fresh RocksDB store)
//   RawScan      : iterate the events column family, touching each value
// Run: build/bench/rebuild_bench   (docs/PERFORMANCE.md)
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>

#include "bench/bench_events.h"
#include "bench/ratio_reporter.h"
#include "bench/raw_ledger_db.h"
#include "common/huge_page_heap.h"
#include "consumers/ledger_catch_up.h"
#include "consumers/ledger_fold.h"
#include "ledger/keys.h"
#include "ledger/ledger.h"
#include "projections/child_facts.h"

namespace cjl::bench {
namespace {

constexpr std::uint64_t kEvents = 400'000;

const std::string& LedgerPath() {
  static const std::string path = [] {
    const std::string dir =
        (std::filesystem::temp_directory_path() / "cjl-bench-rebuild-ledger").string();
    {
      // Reuse a complete fixture from an earlier run (it is deterministic).
      ledger::LedgerOptions ro;
      ro.path = dir;
      ro.read_only = true;
      auto existing = ledger::Ledger::Open(ro);
      if (existing.ok() && (*existing)->Head().value() == kEvents) return dir;
    }
    ScratchDir("rebuild-ledger");
    ledger::LedgerOptions options;
    options.path = dir;
    options.sync = false;  // building the fixture, not measuring durability
    auto ledger = ledger::Ledger::Open(options);
    std::vector<events::Event> batch;
    for (std::uint64_t n = 0; n < kEvents; ++n) {
      batch.push_back(NthEvent(n));
      if (batch.size() == 8192) {
        (void)(*ledger)->AppendBatch(batch);
        batch.clear();
      }
    }
    (void)(*ledger)->AppendBatch(batch);
    return dir;
  }();
  return path;
}

std::unique_ptr<ledger::Ledger> OpenReadOnly() {
  ledger::LedgerOptions options;
  options.path = LedgerPath();
  options.read_only = true;
  auto ledger = ledger::Ledger::Open(options);
  return ledger.ok() ? std::move(*ledger) : nullptr;
}

void FoldRebuild(benchmark::State& state) {
  auto ledger = OpenReadOnly();
  std::uint64_t total = 0;
  for (auto _ : state) {
    projections::AuthorityState authority;
    auto folded = consumers::FoldLedger(*ledger, LedgerPosition(1), UINT64_MAX, authority);
    if (!folded.ok() || authority.size() != kEvents / 8) state.SkipWithError("fold failed");
    total += folded.ok() ? *folded : 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
}

void StoreRebuild(benchmark::State& state) {
  auto ledger = OpenReadOnly();
  const std::string store = ScratchDir("rebuild-store");
  std::uint64_t total = 0;
  for (auto _ : state) {
    // As `cjl rebuild` runs it: the folded state is handed back, not freed (the command
    // exits without freeing it), and is freed here outside the timed region.
    projections::AuthorityState folded;
    Status s = consumers::RebuildProjectionStore(*ledger, store + "/projections", {}, &folded);
    if (!s.ok()) state.SkipWithError(s.error().ToString().c_str());
    total += kEvents;
    state.PauseTiming();
    folded = {};
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
}

void RawScan(benchmark::State& state) { RawScanOf(state, LedgerPath()); }

BENCHMARK(RawScan)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(FoldRebuild)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(StoreRebuild)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace cjl::bench

int main(int argc, char** argv) {
  // The heap as `cjl rebuild` and `cjl report` run with it, for product and raw alike.
  cjl::ReexecWithHugePageHeap(argv);
  return cjl::bench::RunWithRatios(argc, argv,
                                   {{"FoldRebuild", "RawScan"}, {"StoreRebuild", "RawScan"}});
}
