// Plain atomic counters of the streaming components, read by the metrics exporter
// (ops/) and by tests. Owned by consumers/. Thread-safe: each field is an atomic that
// its component's thread writes (relaxed) and anyone may read.
#pragma once

#include <atomic>
#include <cstdint>

namespace cjl::consumers {

using Counter = std::atomic<std::uint64_t>;

struct IngestCounters {
  Counter consumed{0};    // messages read from care.ingest.v1
  Counter appended{0};    // events newly appended to the ledger
  Counter duplicates{0};  // events the ledger already held (a retried publish)
  Counter rejected{0};    // messages delivered to care.ingest.rejected.v1
  // ... of which, by reason (a fixed set, so a metric label never holds input):
  Counter rejected_invalid_json{0};  // not JSON / not an object
  Counter rejected_contract{0};      // a field or code breaks the contract (EVENTS.md)
  Counter rejected_domain{0};        // cannot follow the child's history
  Counter rejected_conflict{0};      // event_id already used with other content
  Counter batches{0};                // batches appended and committed
  Counter commit_failures{0};        // offset commits that failed (the batch is re-read: harmless)
  Counter append_retries{0};         // appends retried after kUnavailable
  Counter offset_gaps{0};  // offsets skipped within a partition (data the cluster dropped)
};

struct RelayCounters {
  Counter relayed{0};            // events delivered to care.events.v1
  Counter delivery_failures{0};  // delivery reports with an error (re-produced)
  Counter position{0};           // the relay cursor: last position known delivered
  Counter lag{0};                // ledger head - relay cursor
  Counter producer_restarts{0};  // producer recreated after a fatal error
};

struct ProjectorCounters {
  Counter consumed{0};         // messages read from care.events.v1
  Counter applied{0};          // events applied to a child's state (incl. repaired ones)
  Counter skipped{0};          // events already applied (re-delivery, duplicates)
  Counter gaps_repaired{0};    // gaps in a child's stream filled from the ledger
  Counter gap_events{0};       // events read from the ledger to fill those gaps
  Counter catch_ups{0};        // catch-ups from the ledger (new cluster, lost offsets)
  Counter catch_up_events{0};  // events applied by those catch-ups
  Counter offset_resets{0};    // partitions whose stored offset no longer existed
  Counter lag{0};              // ledger head - applied position high-water mark
  Counter rebalances{0};       // partition assignments received
};

}  // namespace cjl::consumers
