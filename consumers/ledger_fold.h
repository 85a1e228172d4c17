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

// Applies positions from..from+limit-1 (or to the end) to `state`; returns how many.
// Reads on a second thread while this one applies. `progress(applied)` is called now and
// then on this thread.
Result<std::uint64_t> FoldLedger(const ledger::Ledger& ledger, LedgerPosition from,
                                 std::uint64_t limit, projections::AuthorityState& state,
                                 const std::function<void(std::uint64_t)>& progress = {});

}  // namespace cjl::consumers
