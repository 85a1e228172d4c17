// Relay: tails the ledger from its durable cursor and produces every event, in position
// order, to care.events.v1 (key child_id, value events::EncodeRecorded, headers
// `position`, `stream_version`, `type`) with an idempotent producer. Owned by
// consumers/. Thread-safe: Start/Stop from any thread; the work runs on one thread.
//
// Pipelined: it keeps producing while earlier deliveries are outstanding (up to
// max_in_flight) and moves the cursor over the delivered prefix.
//
// Invariants:
//  - the cursor ("relay" in the ledger's meta) is set to P only after the delivery
//    reports of every position <= P succeeded, so a restart never skips an event;
//  - an event may be produced more than once (a failed delivery is re-produced from the
//    first failure; the mock cluster duplicates retried batches): consumers dedupe by
//    stream_version, so a duplicate is harmless.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "consumers/component.h"
#include "consumers/counters.h"
#include "consumers/kafka_common.h"
#include "ledger/ledger.h"

namespace cjl::consumers {

inline constexpr const char* kRelayCursor = "relay";

struct RelayOptions {
  KafkaSettings kafka;
  std::uint64_t max_batch = 5000;        // events read from the ledger per Scan
  std::uint64_t max_in_flight = 100000;  // events produced but not yet delivered
  int idle_wait_ms = 100;                // WaitForHeadBeyond timeout (bounds Stop latency)
  int cursor_interval_ms = 20;           // the cursor is stored at most this often while busy
  // linger.ms: fewer, larger produce requests. On the mock cluster every message set is
  // a node of a list each fetch walks, so 5 ms (half as many sets as 2 ms) keeps fetches
  // cheap as the log grows (docs/PERFORMANCE.md).
  int linger_ms = 5;
};

class Relay {
 public:
  // Reads the cursor, connects and starts relaying. `ledger` and `counters` must
  // outlive the Relay. Errors: kInvalidInput (settings), kUnavailable (ledger cursor).
  static Result<std::unique_ptr<Relay>> Start(const RelayOptions& options, ledger::Ledger& ledger,
                                              RelayCounters& counters);
  ~Relay();
  // Waits (briefly) for deliveries in flight, records what was delivered, joins. Idempotent.
  void Stop();
  Status health() const;

  struct Impl;

 private:
  explicit Relay(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cjl::consumers
