// A Google Benchmark reporter that, after the console output, prints each product
// benchmark's throughput as a ratio of its raw-library baseline measured in the same run.
// Pairs are matched by name: "Ledger..." against "Raw..." with the same suffix after the
// first '/' (e.g. "LedgerAppend/1024" vs "RawAppend/1024" via kPairs). A benchmark that
// times both sides itself, alternating (see PairedCounters), reports its own ratio, in a
// second table. Header-only.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cjl::bench {

// Orders benchmark names with their numbers as numbers ("Append/16" before
// "Append/128"), so that the tables list batch sizes in order: compares the names with
// every run of digits left-padded to 20, then as they are.
struct NumbersAsNumbersLess {
  static std::string Padded(const std::string& name) {
    constexpr std::size_t kWidth = 20;  // digits of the largest 64-bit number
    std::string key;
    for (std::size_t i = 0; i < name.size();) {
      if (name[i] < '0' || name[i] > '9') {
        key += name[i++];
        continue;
      }
      const std::size_t end = std::min(name.find_first_not_of("0123456789", i), name.size());
      key.append(kWidth - std::min(kWidth, end - i), '0').append(name, i, end - i);
      i = end;
    }
    return key;
  }
  bool operator()(const std::string& a, const std::string& b) const {
    const std::string x = Padded(a);
    const std::string y = Padded(b);
    return x != y ? x < y : a < b;
  }
};

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  // (product prefix, raw prefix) pairs, e.g. {"LedgerAppend", "RawAppend"}.
  explicit RatioReporter(std::vector<std::pair<std::string, std::string>> pairs)
      : pairs_(std::move(pairs)) {}

  // With repetitions (the default of RunWithRatios) the reporter sees each benchmark's
  // aggregates and takes the median; a single run is taken as it is.
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      const bool single = run.run_type == Run::RT_Iteration;
      if (!single && run.aggregate_name != "median") continue;
      const std::string name = single ? run.benchmark_name() : run.run_name.str();
      // A single run is taken as it is; a median replaces it.
      const auto keep = [&](auto& by_name, const auto& value) {
        if (single) {
          by_name.try_emplace(name, value);
        } else {
          by_name.insert_or_assign(name, value);
        }
      };
      if (auto it = run.counters.find("items_per_second"); it != run.counters.end()) {
        keep(rates_, it->second.value);
      }
      if (auto ratio = run.counters.find(kPairedRatio); ratio != run.counters.end()) {
        keep(paired_, Paired{run.counters.at(kPairedProductRate).value,
                             run.counters.at(kPairedRawRate).value, ratio->second.value});
      }
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\n%-40s %14s %14s %8s\n", "benchmark", "product/s", "raw/s", "ratio");
    for (const auto& [product, raw] : pairs_) {
      for (const auto& [name, rate] : rates_) {
        if (name.rfind(product + "/", 0) != 0 && name != product) continue;
        std::string raw_name = raw + name.substr(product.size());
        auto r = rates_.find(raw_name);
        if (r == rates_.end() || r->second == 0) continue;
        std::printf("%-40s %14.0f %14.0f %8.2f\n", name.c_str(), rate, r->second, rate / r->second);
      }
    }
    if (paired_.empty()) return;
    std::printf("\n%-40s %14s %14s %8s\n", "paired (each iteration: one of each)", "product/s",
                "raw/s", "ratio");
    for (const auto& [name, p] : paired_) {
      std::printf("%-40s %14.0f %14.0f %8.2f\n", name.c_str(), p.product_rate, p.raw_rate, p.ratio);
    }
  }

  // The counters a paired benchmark sets (PairedCounters).
  static constexpr const char* kPairedRatio = "ratio";
  static constexpr const char* kPairedProductRate = "product_per_second";
  static constexpr const char* kPairedRawRate = "raw_per_second";

 private:
  struct Paired {
    double product_rate;
    double raw_rate;
    // Of the two sides' total times in a run, raw over product (the throughput ratio);
    // with repetitions, each column is its own median, so the ratio need not be exactly
    // the quotient of the two rates shown.
    double ratio;
  };
  std::vector<std::pair<std::string, std::string>> pairs_;
  std::map<std::string, double, NumbersAsNumbersLess> rates_;
  std::map<std::string, Paired, NumbersAsNumbersLess> paired_;  // by run name
};

// Sets the counters of a benchmark that timed `items` items on each side itself.
inline void PairedCounters(benchmark::State& state, double items, double product_seconds,
                           double raw_seconds) {
  if (product_seconds <= 0 || raw_seconds <= 0) return;
  state.counters[RatioReporter::kPairedProductRate] = items / product_seconds;
  state.counters[RatioReporter::kPairedRawRate] = items / raw_seconds;
  state.counters[RatioReporter::kPairedRatio] = raw_seconds / product_seconds;
}

// main() of a ratio benchmark. Unless the command line says otherwise, every benchmark
// runs 5 times, product and raw runs randomly interleaved, and the ratios are of medians:
// this VM's fsync time drifts by a factor of two within minutes, and back-to-back runs of
// one side and then the other compared two different machines.
inline int RunWithRatios(int argc, char** argv,
                         std::vector<std::pair<std::string, std::string>> pairs) {
  std::vector<char*> args(argv, argv + argc);
  static char repetitions[] = "--benchmark_repetitions=5";
  static char interleave[] = "--benchmark_enable_random_interleaving=true";
  static char aggregates[] = "--benchmark_display_aggregates_only=true";
  args.insert(args.begin() + 1, {repetitions, interleave, aggregates});  // later flags win
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  RatioReporter reporter(std::move(pairs));
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}

}  // namespace cjl::bench
