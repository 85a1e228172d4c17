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

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      auto it = run.counters.find("items_per_second");
      if (it != run.counters.end()) rates_[run.benchmark_name()] = it->second.value;
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

}  // namespace cjl::bench
