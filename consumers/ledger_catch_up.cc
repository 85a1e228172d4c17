#include "consumers/ledger_catch_up.h"

#include <filesystem>

#include "consumers/projection_applier.h"

namespace cjl::consumers {

Result<std::uint64_t> CatchUpFromLedger(const ledger::Ledger& ledger,
                                        projections::ProjectionStore& store,
                                        ProjectorCounters* counters, const ProgressFn& progress,
                                        const std::atomic<bool>* stop, std::uint64_t chunk) {
  auto caught = store.GetMeta(projections::kMetaCaughtUp);
  if (!caught.ok()) return caught.error();
  std::uint64_t from = 1;
  if (caught->has_value()) {
    auto v = DecodeBigEndian64(**caught);
    if (!v) return Error(ErrorCode::kCorruption, "projection store: bad caught_up");
    from = *v + 1;
  }
  const std::uint64_t head = ledger.Head().value();
  const std::uint64_t total = head >= from ? head - from + 1 : 0;
  ProjectionApplier applier(store, &ledger, counters);
  std::uint64_t applied = 0;
  std::uint64_t done = 0;
  if (progress) progress(0, total);
  while (from <= head) {
    if (stop != nullptr && stop->load()) break;
    const std::uint64_t limit = std::min(chunk, head - from + 1);
    Status apply_status = Status::Ok();
    std::uint64_t last = from - 1;
    Status scan = ledger.Scan(LedgerPosition(from), limit, [&](const events::RecordedEvent& e) {
      auto outcome = applier.Apply(e);
      if (!outcome.ok()) {
        apply_status = outcome.error();
        return false;
      }
      if (*outcome == ProjectionApplier::Outcome::kApplied) ++applied;
      last = e.position.value();
      return true;
    });
    if (!scan.ok()) return scan.error();
    if (!apply_status.ok()) return apply_status.error();
    if (last < from) break;  // the ledger gave nothing: head moved back? never expected
    applier.batch().SetMeta(projections::kMetaCaughtUp, EncodeBigEndian64(last));
    if (Status s = applier.Commit(); !s.ok()) return s.error();
    done += last - from + 1;
    from = last + 1;
    if (progress) progress(done, total);
  }
  if (counters) counters->catch_up_events.fetch_add(applied, std::memory_order_relaxed);
  return applied;
}

Status RebuildProjectionStore(const ledger::Ledger& ledger, const std::string& store_dir,
                              const ProgressFn& progress) {
  namespace fs = std::filesystem;
  const std::string fresh_dir = store_dir + ".rebuild";
  const std::string old_dir = store_dir + ".old";
  std::error_code ec;
  fs::remove_all(fresh_dir, ec);
  if (ec)
    return Error(ErrorCode::kUnavailable,
                 "rebuild: cannot clear " + fresh_dir + ": " + ec.message());
  {
    projections::StoreOptions options;
    options.path = fresh_dir;
    options.sync = false;  // synced once at the end: a crashed rebuild is simply redone
    auto fresh = projections::ProjectionStore::Open(options);
    if (!fresh.ok()) return fresh.error();
    auto applied = CatchUpFromLedger(ledger, **fresh, nullptr, progress, nullptr, 65536);
    if (!applied.ok()) return applied.error();
  }
  {
    // Reopen with sync so the last write (and the WAL before it) is on disk, and check
    // that nobody holds the live store: RocksDB's lock refuses a second opener.
    projections::StoreOptions options;
    options.path = fresh_dir;
    auto fresh = projections::ProjectionStore::Open(options);
    if (!fresh.ok()) return fresh.error();
    projections::StoreBatch mark;
    mark.SetMeta("rebuilt", "1");
    if (Status s = (*fresh)->Write(mark); !s.ok()) return s;
  }
  if (fs::exists(store_dir)) {
    projections::StoreOptions options;
    options.path = store_dir;
    auto live = projections::ProjectionStore::Open(options);
    if (!live.ok()) {
      return Error(live.error().code(),
                   "rebuild: the store at " + store_dir +
                       " is in use or unreadable (stop serve first): " + live.error().message());
    }
  }
  fs::remove_all(old_dir, ec);
  if (fs::exists(store_dir)) {
    fs::rename(store_dir, old_dir, ec);
    if (ec)
      return Error(ErrorCode::kUnavailable, "rebuild: rename " + store_dir + ": " + ec.message());
  }
  fs::rename(fresh_dir, store_dir, ec);
  if (ec)
    return Error(ErrorCode::kUnavailable, "rebuild: rename " + fresh_dir + ": " + ec.message());
  fs::remove_all(old_dir, ec);
  return Status::Ok();
}

}  // namespace cjl::consumers
