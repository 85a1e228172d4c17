// Applies recorded events to the projection store's children in stream order, repairing
// any gap in a child's stream from the ledger, and stages the result (plus offsets and
// meta) into one StoreBatch. Used by the projection runner, the catch-up from the ledger
// and `cjl rebuild`. Owned by consumers/. Not thread-safe: one applier per thread.
//
// Invariants:
//  - for every staged child, record.version is the last version applied and versions
//    1..record.version were each applied exactly once, in order;
//  - an event with version <= the applied version is skipped (re-delivery is harmless);
//  - an event with version > applied + 1 first applies the missing versions read from the
//    ledger (counted in gaps_repaired); it never skips silently.
#pragma once

#include <string>
#include <unordered_map>

#include "common/result.h"
#include "consumers/child_cache.h"
#include "consumers/counters.h"
#include "events/event.h"
#include "ledger/ledger.h"
#include "projections/store/projection_store.h"

namespace cjl::consumers {

class ProjectionApplier {
 public:
  enum class Outcome { kApplied, kSkipped };

  // `ledger` may be null only when no gap can arise (then a gap is kInternal).
  // `counters` and `cache` may be null. All must outlive the applier. With a cache,
  // children are taken from it before the store, and given to it once committed; a
  // failed commit clears it.
  ProjectionApplier(projections::ProjectionStore& store, const ledger::Ledger* ledger,
                    ProjectorCounters* counters, ChildCache* cache = nullptr);

  // Stages `e`. Errors: kUnavailable/kCorruption from the store or ledger; kCorruption
  // when the ledger cannot fill a gap.
  Result<Outcome> Apply(projections::Fact&& fact);

  projections::StoreBatch& batch() { return batch_; }
  std::size_t staged_events() const { return staged_events_; }
  // Writes everything staged in one WriteBatch (durable on return when the store syncs)
  // and starts a new batch. On error nothing was written: the caller re-reads its input.
  Status Commit();

 private:
  Result<projections::ChildRecord*> Load(std::string_view child_id);
  void ApplyOne(projections::ChildRecord& rec, projections::Fact&& fact);

  projections::ProjectionStore& store_;
  const ledger::Ledger* ledger_;
  ProjectorCounters* counters_;
  ChildCache* cache_;
  projections::StoreBatch batch_;
  std::unordered_map<std::string, projections::ChildRecord> staged_;  // touched this batch
  std::size_t staged_events_ = 0;
};

}  // namespace cjl::consumers
