// Ledger benchmarks (issue 2): durable append throughput at batch sizes 1, 16, 128, 1024
// against raw RocksDB writing the same WriteBatch with sync in the same run, and replay
// read throughput against a raw RocksDB iteration of the same column family.
//
// Run: build/bench/ledger_bench   (results and ratios: docs/PERFORMANCE.md)
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>

#include <filesystem>

#include "bench/bench_events.h"
#include "bench/ratio_reporter.h"
#include "bench/raw_ledger_db.h"
#include "events/event_binary.h"
#include "ledger/keys.h"
#include "ledger/ledger.h"

namespace cjl::bench {
namespace {

void LedgerAppend(benchmark::State& state) {
  const auto batch_size = static_cast<std::uint64_t>(state.range(0));
  ledger::LedgerOptions options;
  options.path = ScratchDir("ledger-append");
  auto ledger = ledger::Ledger::Open(options);
  if (!ledger.ok()) {
    state.SkipWithError(ledger.error().ToString().c_str());
    return;
  }
  std::uint64_t n = 0;
  std::vector<events::Event> batch;
  for (auto _ : state) {
    state.PauseTiming();
    batch.clear();
    for (std::uint64_t i = 0; i < batch_size; ++i) batch.push_back(NthEvent(n++));
    state.ResumeTiming();
    auto results = (*ledger)->AppendBatch(batch);
    if (!results.back().ok()) state.SkipWithError(results.back().error().ToString().c_str());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
}

// Raw RocksDB: the same column families and the same puts per event (event, stream
// index, id) plus head and chain head, one WriteBatch with sync=true per batch.
// Values are encoded before the timed region: this is the storage work alone.
void RawAppend(benchmark::State& state) {
  const auto batch_size = static_cast<std::uint64_t>(state.range(0));
  auto raw = OpenRawLedgerDb(ScratchDir("raw-append"), /*read_only=*/false);
  if (!raw) {
    state.SkipWithError("open failed");
    return;
  }
  std::uint64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<RawRow> rows;
    for (std::uint64_t i = 0; i < batch_size; ++i, ++n) rows.push_back(RawRowOf(n, NthEvent(n)));
    state.ResumeTiming();
    if (!WriteRawRows(*raw, rows).ok()) state.SkipWithError("write failed");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
}

constexpr std::uint64_t kReplayEvents = 200'000;

const std::string& ReplayLedgerPath() {
  static const std::string path = [] {
    std::string dir = ScratchDir("replay");
    ledger::LedgerOptions options;
    options.path = dir;
    auto ledger = ledger::Ledger::Open(options);
    std::vector<events::Event> batch;
    for (std::uint64_t n = 0; n < kReplayEvents; ++n) {
      batch.push_back(NthEvent(n));
      if (batch.size() == 4096) {
        (void)(*ledger)->AppendBatch(batch);
        batch.clear();
      }
    }
    (void)(*ledger)->AppendBatch(batch);
    return dir;
  }();
  return path;
}

void LedgerReplay(benchmark::State& state) {
  ledger::LedgerOptions options;
  options.path = ReplayLedgerPath();
  options.read_only = true;
  auto ledger = ledger::Ledger::Open(options);
  std::uint64_t total = 0;
  for (auto _ : state) {
    std::uint64_t seen = 0;
    Status s = (*ledger)->Scan(LedgerPosition(1), UINT64_MAX, [&](const events::RecordedEvent& r) {
      seen += r.position.value() > 0;
      return true;
    });
    if (!s.ok() || seen != kReplayEvents) state.SkipWithError("replay failed");
    total += seen;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
}

// Raw: iterate the same events column family, touching each value, no decoding.
void RawReplay(benchmark::State& state) { RawScanOf(state, ReplayLedgerPath()); }

BENCHMARK(RawAppend)->Arg(1)->Arg(16)->Arg(128)->Arg(1024)->UseRealTime()->MinTime(1.0);
BENCHMARK(LedgerAppend)->Arg(1)->Arg(16)->Arg(128)->Arg(1024)->UseRealTime()->MinTime(1.0);
BENCHMARK(RawReplay)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(LedgerReplay)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cjl::bench

int main(int argc, char** argv) {
  return cjl::bench::RunWithRatios(argc, argv,
                                   {{"LedgerAppend", "RawAppend"}, {"LedgerReplay", "RawReplay"}});
}
