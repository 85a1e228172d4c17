#include "ops/state_loader.h"

#include "consumers/ledger_fold.h"
#include "ops/progress.h"

namespace cjl::ops {

Result<projections::AuthorityState> LoadAuthorityState(const ledger::Ledger& ledger) {
  projections::AuthorityState state;
  const LedgerPosition head = ledger.Head();
  Progress progress("loading ledger", head.value());
  auto folded = consumers::FoldLedger(ledger, LedgerPosition(1), head.value(), state,
                                      [&](std::uint64_t done) { progress.Update(done); });
  progress.Finish();
  if (!folded.ok()) return folded.error();
  return state;
}

}  // namespace cjl::ops
