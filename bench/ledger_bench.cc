// Ledger benchmarks (issue 2): durable append throughput at batch sizes 1, 16, 128, 1024
// against raw RocksDB writing the same WriteBatch with sync in the same run (as separate
// benchmarks, and paired batch by batch), and replay read throughput against a raw
// RocksDB iteration of the same column family.
//
// Run: build/bench/ledger_bench   (results and ratios: docs/PERFORMANCE.md)
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>

#include <chrono>
#include <filesystem>
#include <random>

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

// Both sides in one benchmark: each iteration appends one batch to the ledger and the same
// rows to raw RocksDB (RawAppend's work), in random order, and times each on its own.
// LedgerAppend and RawAppend each run for a second at a time, and this VM's fsync and
// memory speed move by tens of per cent within seconds, so their ratio compares two
// moments; here every batch of one side has a batch of the other beside it.
void PairedAppend(benchmark::State& state) {
  const auto batch_size = static_cast<std::uint64_t>(state.range(0));
  ledger::LedgerOptions options;
  options.path = ScratchDir("paired-ledger");
  auto ledger = ledger::Ledger::Open(options);
  auto raw = OpenRawLedgerDb(ScratchDir("paired-raw"), /*read_only=*/false);
  if (!ledger.ok() || !raw) {
    state.SkipWithError("open failed");
    return;
  }
  std::minstd_rand coin(static_cast<std::uint32_t>(batch_size));
  using Seconds = std::chrono::duration<double>;
  Seconds ledger_time{0};
  Seconds raw_time{0};
  std::uint64_t n = 0;
  std::vector<events::Event> batch;
  std::vector<RawRow> rows;
  for (auto _ : state) {
    batch.clear();
    rows.clear();
    for (std::uint64_t i = 0; i < batch_size; ++i, ++n) {
      batch.push_back(NthEvent(n));
      rows.push_back(RawRowOf(n, batch.back()));
    }
    Seconds ledger_once{0};
    Seconds raw_once{0};
    const auto append_ledger = [&] {
      const auto start = std::chrono::steady_clock::now();
      auto results = (*ledger)->AppendBatch(batch);
      ledger_once = std::chrono::steady_clock::now() - start;
      if (!results.back().ok()) state.SkipWithError(results.back().error().ToString().c_str());
    };
    const auto append_raw = [&] {
      const auto start = std::chrono::steady_clock::now();
      rocksdb::Status s = WriteRawRows(*raw, rows);
      raw_once = std::chrono::steady_clock::now() - start;
      if (!s.ok()) state.SkipWithError("raw write failed");
    };
    if (coin() % 2 == 0) {
      append_ledger();
      append_raw();
    } else {
      append_raw();
      append_ledger();
    }
    ledger_time += ledger_once;
    raw_time += raw_once;
    state.SetIterationTime((ledger_once + raw_once).count());
  }
  if (!state.error_occurred()) {
    PairedCounters(state, static_cast<double>(n), ledger_time.count(), raw_time.count());
  }
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

// Replays the whole replay ledger per iteration with `scan_all(ledger, seen)`, which
// returns its status and counts the records it visited in `seen`.
template <typename ScanAll>
void ReplayWith(benchmark::State& state, ScanAll scan_all) {
  ledger::LedgerOptions options;
  options.path = ReplayLedgerPath();
  options.read_only = true;
  auto ledger = ledger::Ledger::Open(options);
  if (!ledger.ok()) {
    state.SkipWithError(ledger.error().ToString().c_str());
    return;
  }
  std::uint64_t total = 0;
  for (auto _ : state) {
    std::uint64_t seen = 0;
    Status s = scan_all(**ledger, seen);
    if (!s.ok() || seen != kReplayEvents) state.SkipWithError("replay failed");
    total += seen;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
}

void LedgerReplay(benchmark::State& state) {
  ReplayWith(state, [](const ledger::Ledger& ledger, std::uint64_t& seen) {
    return ledger.Scan(LedgerPosition(1), UINT64_MAX, [&](const events::RecordedEvent& r) {
      seen += r.position.value() > 0;
      return true;
    });
  });
}

// The ledger's read path without decoding (what the projections' fold reads): the bound
// at the durable head and the visitor, against the same raw iteration. What LedgerReplay
// costs beyond it is decoding the records into events.
void LedgerReplayBytes(benchmark::State& state) {
  ReplayWith(state, [](const ledger::Ledger& ledger, std::uint64_t& seen) {
    std::uint64_t bytes = 0;
    Status s = ledger.ScanRecordBytes(LedgerPosition(1), UINT64_MAX,
                                      [&](LedgerPosition, std::string_view record) {
                                        bytes += record.size();
                                        ++seen;
                                        return true;
                                      });
    benchmark::DoNotOptimize(bytes);
    return s;
  });
}

// Raw: iterate the same events column family, touching each value, no decoding.
void RawReplay(benchmark::State& state) { RawScanOf(state, ReplayLedgerPath()); }

BENCHMARK(RawAppend)->Arg(1)->Arg(16)->Arg(128)->Arg(1024)->UseRealTime()->MinTime(1.0);
BENCHMARK(LedgerAppend)->Arg(1)->Arg(16)->Arg(128)->Arg(1024)->UseRealTime()->MinTime(1.0);
BENCHMARK(PairedAppend)->Arg(1)->Arg(16)->Arg(128)->Arg(1024)->UseManualTime()->MinTime(2.0);
BENCHMARK(RawReplay)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(LedgerReplay)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(LedgerReplayBytes)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cjl::bench

int main(int argc, char** argv) {
  return cjl::bench::RunWithRatios(argc, argv,
                                   {{"LedgerAppend", "RawAppend"},
                                    {"LedgerReplay", "RawReplay"},
                                    {"LedgerReplayBytes", "RawReplay"}});
}
