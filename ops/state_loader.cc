#include "ops/state_loader.h"

#include "ops/progress.h"

namespace cjl::ops {

Result<projections::AuthorityState> LoadAuthorityState(const ledger::Ledger& ledger) {
  projections::AuthorityState state;
  const LedgerPosition head = ledger.Head();
  Progress progress("loading ledger", head.value());
  std::uint64_t done = 0;
  Status s = ledger.Scan(LedgerPosition(1), head.value(), [&](events::RecordedEvent& r) {
    state.Apply(std::move(r));
    if ((++done & 0xffff) == 0) progress.Update(done);
    return true;
  });
  progress.Finish();
  if (!s.ok()) return s.error();
  return state;
}

}  // namespace cjl::ops
