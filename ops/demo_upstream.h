// The demo's synthetic upstream: generates journeys (ops/generator) and publishes their
// events to care.ingest.v1 in business-date order on an accelerated clock, as the
// case-management systems of an authority would over the years up to today.
// Owned by ops/. Thread-safe: Start/Stop from one owner; counters are atomics.
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "consumers/kafka_common.h"
#include "ops/generator/generator.h"

namespace cjl::ops {

struct DemoUpstreamOptions {
  generator::GeneratorOptions journeys;  // last_date is the day the clock stops at
  double days_per_second = 30;           // simulated days published per real second
  consumers::KafkaSettings kafka;
};

class DemoUpstream {
 public:
  // Generates every event up front (sorted by date) and starts publishing.
  static Result<std::unique_ptr<DemoUpstream>> Start(const DemoUpstreamOptions& options);
  ~DemoUpstream();

  std::uint64_t published() const { return published_.load(); }
  std::uint64_t total() const { return total_; }
  Date clock() const { return Date(std::chrono::days(clock_days_.load())); }
  bool finished() const { return finished_.load(); }
  // The first publishing error, or Ok.
  Status status() const;

 private:
  DemoUpstream() = default;
  void Run(DemoUpstreamOptions options, std::vector<events::Event> events);

  std::uint64_t total_ = 0;
  std::atomic<std::uint64_t> published_{0};
  std::atomic<long> clock_days_{0};
  std::atomic<bool> finished_{false};
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  Status status_;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace cjl::ops
