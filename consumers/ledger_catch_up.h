// Catching the projection store up straight from the ledger, and rebuilding it from
// scratch (`cjl rebuild`). The Kafka topic is a distribution channel that may lose
// history (the mock cluster drops old data and forgets everything on restart); the
// ledger never does, so these are the fallbacks that make the store whole again.
// Owned by consumers/. Thread-compatible: one call per store at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "common/result.h"
#include "consumers/counters.h"
#include "ledger/ledger.h"
#include "projections/child_facts.h"
#include "projections/store/projection_store.h"

namespace cjl::consumers {

using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Applies every ledger event after the store's meta "caught_up" up to the head seen at
// the start (skipping what is applied already), committing every `chunk` events and
// advancing "caught_up" with each commit. Returns the number of events applied. Stops
// early (returning what it did, caught_up still exact) when *stop becomes true.
Result<std::uint64_t> CatchUpFromLedger(const ledger::Ledger& ledger,
                                        projections::ProjectionStore& store,
                                        ProjectorCounters* counters, const ProgressFn& progress,
                                        const std::atomic<bool>* stop = nullptr,
                                        std::uint64_t chunk = 8192);

// Replays the whole ledger into a fresh store built beside `store_dir`, then puts it in
// place of the old one (which must not be open: kUnavailable if a server holds it).
// The result has no Kafka offsets; a runner started on it catches up from the ledger and
// replays the topic harmlessly. Per child, the bytes equal those a runner streams.
// When `folded` is given, the folded state is moved into it once the fold succeeded (also
// when writing the fresh store then fails) and freeing it is the caller's: freeing every
// fact is a tenth of a rebuild, and `cjl rebuild` exits without it. Otherwise it is freed
// before this returns.
Status RebuildProjectionStore(const ledger::Ledger& ledger, const std::string& store_dir,
                              const ProgressFn& progress = {},
                              projections::AuthorityState* folded = nullptr);

}  // namespace cjl::consumers
