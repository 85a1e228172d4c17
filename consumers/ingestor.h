// Ingest: consumes upstream proposals from care.ingest.v1, validates them, appends them
// to the ledger in batches, sends what is invalid to care.ingest.rejected.v1, and only
// then commits the consumed offsets. Owned by consumers/. Thread-safe: Start/Stop from
// any thread; the work runs on one internal thread.
//
// Invariants:
//  - an offset is committed only after every message before it was appended durably
//    (Ledger::AppendBatch returned) or its rejection was delivered (delivery report);
//  - a re-read message (a crash before the commit, a retried publish) is a duplicate the
//    ledger acknowledges by event_id, never a second event;
//  - a rejected message keeps its key and value; headers `error` (messages, "; "-joined)
//    and `error_field` (fields, ","-joined) say why.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/date.h"
#include "common/result.h"
#include "consumers/component.h"
#include "consumers/counters.h"
#include "consumers/kafka_common.h"
#include "ledger/ledger.h"

namespace cjl::consumers {

struct IngestOptions {
  KafkaSettings kafka;
  std::string group_id = "cjl-ingest";
  // true: assign every partition of the topic (resuming from the group's committed
  // offsets) instead of joining the group; tests use it to avoid rejoin waits.
  bool static_assignment = false;
  int session_timeout_ms = 10000;
  std::size_t max_batch = 2000;  // messages per ledger append
  int batch_wait_ms = 100;       // wait for a batch's first message (bounds Stop latency);
                                 // the rest is what has already arrived
  // fetch.wait.max.ms: how long a broker may hold a fetch with no data. Kept short: the
  // mock cluster holds a fetch this long even when data arrives meanwhile, so it adds up
  // to this much latency per hop (2 ms: p99 30 ms end to end at 5,000/s, against 110 ms
  // with 10; docs/PERFORMANCE.md). A real broker answers as soon as data arrives; there
  // the value only sets how often an idle consumer asks, and may be raised.
  int fetch_wait_ms = 2;
  std::function<Date()> today = TodayUtc;
};

class Ingestor {
 public:
  // Connects and starts consuming. `ledger` and `counters` must outlive the Ingestor.
  // Errors: kInvalidInput (bad Kafka settings), kUnavailable (cluster unreachable).
  static Result<std::unique_ptr<Ingestor>> Start(const IngestOptions& options,
                                                 ledger::Ledger& ledger, IngestCounters& counters);
  ~Ingestor();
  // Finishes the batch in hand (append, rejections, commit if possible), leaves the
  // group and joins the thread. Idempotent.
  void Stop();
  // Ok while running normally; the error that stopped it otherwise.
  Status health() const;

  struct Impl;

 private:
  explicit Ingestor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cjl::consumers
