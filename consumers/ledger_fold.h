// Reading the ledger as projection facts: the input of every fold of the ledger into the
// projections (`cjl report`, the read side, `cjl rebuild`). Owned by consumers/.
// Thread-compatible.
#pragma once

#include <cstdint>
#include <functional>

#include "common/result.h"
#include "ledger/ledger.h"
#include "projections/child_facts.h"
#include "projections/fact.h"

namespace cjl::consumers {

// Visits the records from `from` in position order as facts (payloads are not decoded)
// until `visit` returns false, `limit` records were visited, or the end. kCorruption when
// a record's head does not decode or names another position than its key.
Status ForEachFact(const ledger::Ledger& ledger, LedgerPosition from, std::uint64_t limit,
                   const std::function<bool(projections::Fact&&)>& visit);

// How a fold reads the ledger: the positions are cut into chunks dealt round-robin to
// reader threads.
struct FoldReaders {
  unsigned count = 0;                   // 0: one per core, at most 4; never more than chunks
  std::uint64_t chunk_records = 8'192;  // records per chunk
};

// Applies positions from..from+limit-1 (or to the head when called) to `state`, in
// position order; returns how many. Reader threads copy the records out of RocksDB while
// this one turns them into facts and applies them. `progress(applied)` is called now and
// then on this thread. kCorruption when a record's head does not decode, names another
// position than its key, or a position is missing.
Result<std::uint64_t> FoldLedger(const ledger::Ledger& ledger, LedgerPosition from,
                                 std::uint64_t limit, projections::AuthorityState& state,
                                 const std::function<void(std::uint64_t)>& progress = {},
                                 const FoldReaders& readers = {});

}  // namespace cjl::consumers
