// Where the CPU of durable appends goes (issue 2): appends a fixed number of events at one
// batch size to a fresh ledger and, in the same process, the same rows to raw RocksDB
// (bench/ledger_bench's RawAppend), in alternating rounds; prints each round's wall time
// per event, the ratio, and the CPU per event of every thread (from /proc: the caller,
// the ledger's cjl-judge thread, RocksDB's flush and compaction threads). A fixed
// workload and per-thread CPU show what ledger_bench's throughput ratios cannot, e.g. a
// compaction the raw run does not have.
//
// Run: build/bench/append_probe [BATCH=1024] [EVENTS=300000] [ROUNDS=3]
#include <dirent.h>
#include <rocksdb/db.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_events.h"
#include "bench/raw_ledger_db.h"
#include "ledger/ledger.h"

namespace cjl::bench {
namespace {

// CPU seconds (user + system) of each live thread of this process, by thread name.
std::map<std::string, double> CpuByThread() {
  std::map<std::string, double> cpu;
  DIR* tasks = opendir("/proc/self/task");
  if (tasks == nullptr) return cpu;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  while (dirent* task = readdir(tasks)) {
    if (task->d_name[0] == '.') continue;
    std::ifstream file(std::string("/proc/self/task/") + task->d_name + "/stat");
    const std::string stat((std::istreambuf_iterator<char>(file)), {});
    const auto open = stat.find('(');
    const auto close = stat.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));  // fields from 3 (state) on
    std::string field;
    double utime = 0;
    double stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
      if (i == 14) utime = std::stod(field);
      if (i == 15) stime = std::stod(field);
    }
    cpu[stat.substr(open + 1, close - open - 1)] += (utime + stime) / ticks;
  }
  closedir(tasks);
  return cpu;
}

struct Round {
  double wall_us_per_event = 0;
  std::map<std::string, double> cpu_us_per_event;  // by thread name
};

// Times `append` and charges each thread's CPU over it to the events.
template <typename Append>
Round Measure(std::uint64_t events, Append append) {
  const auto cpu_before = CpuByThread();
  const auto start = std::chrono::steady_clock::now();
  if (!append()) return {};
  const std::chrono::duration<double, std::micro> wall = std::chrono::steady_clock::now() - start;
  Round round{wall.count() / static_cast<double>(events), {}};
  for (const auto& [thread, seconds] : CpuByThread()) {
    auto before = cpu_before.find(thread);
    const double used = seconds - (before == cpu_before.end() ? 0 : before->second);
    if (used > 0) round.cpu_us_per_event[thread] = used * 1e6 / static_cast<double>(events);
  }
  return round;
}

std::vector<std::vector<events::Event>> Batches(std::uint64_t batch_size, std::uint64_t events) {
  std::vector<std::vector<events::Event>> batches;
  for (std::uint64_t n = 0; n < events;) {
    auto& batch = batches.emplace_back();
    for (std::uint64_t i = 0; i < batch_size && n < events; ++i) batch.push_back(NthEvent(n++));
  }
  return batches;
}

Round LedgerRound(const std::vector<std::vector<events::Event>>& batches, std::uint64_t events) {
  ledger::LedgerOptions options;
  options.path = ScratchDir("probe-ledger");
  auto ledger = ledger::Ledger::Open(options);
  if (!ledger.ok()) {
    std::fprintf(stderr, "%s\n", ledger.error().ToString().c_str());
    return {};
  }
  return Measure(events, [&] {
    for (const auto& batch : batches) {
      if (!(*ledger)->AppendBatch(batch).back().ok()) return false;
    }
    return true;
  });
}

Round RawRound(const std::vector<std::vector<events::Event>>& batches, std::uint64_t events) {
  auto raw = OpenRawLedgerDb(ScratchDir("probe-raw"), /*read_only=*/false);
  if (!raw) return {};
  // The rows RawAppend writes, encoded before the timed region.
  std::vector<std::vector<RawRow>> rows;
  std::uint64_t n = 0;
  for (const auto& batch : batches) {
    auto& batch_rows = rows.emplace_back();
    for (const auto& e : batch) batch_rows.push_back(RawRowOf(n++, e));
  }
  return Measure(events, [&] {
    for (const auto& batch_rows : rows) {
      if (!WriteRawRows(*raw, batch_rows).ok()) return false;
    }
    return true;
  });
}

void Print(const char* what, const Round& round) {
  std::printf("  %-6s %6.2f µs/event wall; CPU µs/event:", what, round.wall_us_per_event);
  double total = 0;
  for (const auto& [thread, us] : round.cpu_us_per_event) {
    if (us >= 0.01) std::printf(" %s %.2f,", thread.c_str(), us);
    total += us;
  }
  std::printf(" total %.2f\n", total);
}

}  // namespace
}  // namespace cjl::bench

int main(int argc, char** argv) {
  const std::uint64_t batch = argc > 1 ? std::stoull(argv[1]) : 1024;
  const std::uint64_t events = argc > 2 ? std::stoull(argv[2]) : 300'000;
  const int rounds = argc > 3 ? std::stoi(argv[3]) : 3;
  if (batch == 0 || events == 0) {
    std::fprintf(stderr, "usage: append_probe [BATCH] [EVENTS] [ROUNDS]\n");
    return 2;
  }
  const auto batches = cjl::bench::Batches(batch, events);
  std::printf("append_probe: batch %llu, %llu events, %d rounds (append_probe: the caller)\n",
              static_cast<unsigned long long>(batch), static_cast<unsigned long long>(events),
              rounds);
  for (int r = 1; r <= rounds; ++r) {
    // Alternate which side goes first: this VM's speed drifts within minutes.
    cjl::bench::Round raw;
    cjl::bench::Round ledger;
    if (r % 2 == 1) {
      raw = cjl::bench::RawRound(batches, events);
      ledger = cjl::bench::LedgerRound(batches, events);
    } else {
      ledger = cjl::bench::LedgerRound(batches, events);
      raw = cjl::bench::RawRound(batches, events);
    }
    if (raw.wall_us_per_event == 0 || ledger.wall_us_per_event == 0) {
      std::fprintf(stderr, "append_probe: a round failed\n");
      return 1;
    }
    std::printf("round %d: ledger/raw throughput ratio %.2f\n", r,
                raw.wall_us_per_event / ledger.wall_us_per_event);
    cjl::bench::Print("raw", raw);
    cjl::bench::Print("ledger", ledger);
  }
  return 0;
}
