// A Google Benchmark reporter that, after the console output, prints each product
// benchmark's throughput as a ratio of its raw-library baseline measured in the same run.
// Pairs are matched by name: "Ledger..." against "Raw..." with the same suffix after the
// first '/' (e.g. "LedgerAppend/1024" vs "RawAppend/1024" via kPairs). Header-only.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cjl::bench {

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
      auto it = run.counters.find("items_per_second");
      if (it == run.counters.end()) continue;
      if (run.run_type == Run::RT_Iteration) {
        rates_.try_emplace(run.benchmark_name(), it->second.value);
      } else if (run.aggregate_name == "median") {
        rates_[run.run_name.str()] = it->second.value;
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
  }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
  std::map<std::string, double> rates_;
};

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
