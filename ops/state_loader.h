// Folds the ledger into an in-memory AuthorityState (every child's facts) for reports:
// the same reducer the streaming projector runs, so the figures are the same.
// Not thread-safe; the ledger may be written meanwhile (the fold stops at the head it saw).
#pragma once

#include "common/result.h"
#include "ledger/ledger.h"
#include "projections/child_facts.h"

namespace cjl::ops {

// Applies positions 1..Head() as of the call. Shows progress on a terminal.
Result<projections::AuthorityState> LoadAuthorityState(const ledger::Ledger& ledger);

}  // namespace cjl::ops
