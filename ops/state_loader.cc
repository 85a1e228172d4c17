#include "ops/state_loader.h"

#include "consumers/ledger_fold.h"
#include "ops/progress.h"

namespace cjl::ops {

Result<projections::AuthorityState> LoadAuthorityState(const ledger::Ledger& ledger) {
  projections::AuthorityState state;
  const LedgerPosition head = ledger.Head();
  Progress progress("loading ledger", head.value());
  std::uint64_t done = 0;
  Status s = consumers::ForEachFact(ledger, LedgerPosition(1), head.value(),
                                    [&](projections::Fact&& fact) {
                                      state.Apply(std::move(fact));
                                      if ((++done & 0xffff) == 0) progress.Update(done);
                                      return true;
                                    });
  progress.Finish();
  if (!s.ok()) return s.error();
  return state;
}

}  // namespace cjl::ops
