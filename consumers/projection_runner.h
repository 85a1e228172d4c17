// The projection runner: consumes care.events.v1 and folds each event into the
// projection store with the projections' reducer, writing the new state and the consumed
// offsets in one RocksDB WriteBatch. Owned by consumers/. Thread-safe: Start/Stop from
// any thread; the work runs on one internal thread.
//
// Invariants:
//  - a stored offset never runs ahead of the state it covers (one WriteBatch);
//  - on (re)assignment a partition resumes from the store's offset for this cluster, or
//    from offset 0 when there is none (never "earliest": a start past dropped data must
//    be an error, not a silent skip);
//  - auto.offset.reset=error: an offset that no longer exists (the mock cluster dropped
//    it, or restarted) triggers a catch-up from the ledger, then a replay of the
//    partition from its earliest offset (re-applying is a skip);
//  - a cluster the store has not consumed before (new embedded cluster, fresh store)
//    triggers the same catch-up first, so events relayed to a cluster that is gone are
//    not missed;
//  - a child's versions are applied in order with no gap: a gap is filled from the
//    ledger (ProjectionApplier); nothing is skipped silently.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "consumers/component.h"
#include "consumers/counters.h"
#include "consumers/kafka_common.h"
#include "ledger/ledger.h"
#include "projections/store/projection_store.h"

namespace cjl::consumers {

struct ProjectorOptions {
  KafkaSettings kafka;
  std::string group_id = "cjl-projector";
  // true: assign every partition of care.events.v1 instead of joining the group.
  bool static_assignment = false;
  int session_timeout_ms = 10000;
  std::size_t max_batch = 5000;  // messages per WriteBatch
  int batch_wait_ms = 100;       // wait for a batch's first message (bounds Stop latency)
  int fetch_wait_ms = 2;         // fetch.wait.max.ms (see IngestOptions)
  // Called on the runner thread after each batch is durable, with the ids of the events
  // from the topic applied in it (not those filled from the ledger). For latency
  // measurement; must be quick.
  std::function<void(const std::vector<std::string>&)> on_durable;
};

class ProjectionRunner {
 public:
  // `store` and `counters` must outlive the runner; `ledger` too, and may be null only
  // when gaps and catch-ups cannot be repaired (they then stop the runner with an error).
  // Catches up from the ledger first when the cluster is new to the store.
  static Result<std::unique_ptr<ProjectionRunner>> Start(const ProjectorOptions& options,
                                                         projections::ProjectionStore& store,
                                                         const ledger::Ledger* ledger,
                                                         ProjectorCounters& counters);
  ~ProjectionRunner();
  // Finishes and writes the batch in hand, leaves the group, joins. Idempotent.
  void Stop();
  Status health() const;

  struct Impl;

 private:
  explicit ProjectionRunner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cjl::consumers
