#include "consumers/ledger_catch_up.h"

#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

#include "consumers/ledger_fold.h"
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
    Status scan = ForEachFact(ledger, LedgerPosition(from), limit, [&](projections::Fact&& f) {
      const std::uint64_t position = f.position().value();
      auto outcome = applier.Apply(std::move(f));
      if (!outcome.ok()) {
        apply_status = outcome.error();
        return false;
      }
      if (*outcome == ProjectionApplier::Outcome::kApplied) ++applied;
      last = position;
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

namespace {

// The stream version and position of the child's last event: its highest stream version
// among every fact applied (facts, withheld and retractions), as the runner records it.
std::pair<StreamVersion, LedgerPosition> LastApplied(const projections::ChildFacts& facts) {
  std::pair<StreamVersion, LedgerPosition> last;
  for (const auto* list : {&facts.facts, &facts.withheld, &facts.retractions}) {
    for (const projections::Fact& f : *list) {
      if (f.stream_version() > last.first) last = {f.stream_version(), f.position()};
    }
  }
  return last;
}

// Writes every folded child once, in child_id order, to the fresh store, with
// "caught_up" at the head folded to.
Status WriteFreshStore(projections::ProjectionStore& store,
                       const projections::AuthorityState& state, std::uint64_t folded_to) {
  std::vector<const projections::AuthorityState::Map::value_type*> children;
  children.reserve(state.size());
  for (const auto& entry : state) children.push_back(&entry);
  Status loaded = store.BulkLoadChildren(
      children.size(), [&](std::size_t i, std::string& child_id, std::string& record) {
        const auto& [id, facts] = *children[i];
        const auto [version, position] = LastApplied(facts);
        child_id = id;
        record = projections::EncodeChildRecord(version, position, facts);
      });
  if (!loaded.ok()) return loaded;
  projections::StoreBatch meta;
  meta.SetMeta(projections::kMetaCaughtUp, EncodeBigEndian64(folded_to));
  meta.SetMeta("rebuilt", "1");
  meta.NoteApplied(LedgerPosition(folded_to));
  return store.Write(meta);
}

}  // namespace

Status RebuildProjectionStore(const ledger::Ledger& ledger, const std::string& store_dir,
                              const ProgressFn& progress, projections::AuthorityState* folded) {
  namespace fs = std::filesystem;
  const std::string fresh_dir = store_dir + ".rebuild";
  const std::string old_dir = store_dir + ".old";
  std::jthread freeing;  // joined last, when this returns
  // Held until the fresh store is in place: refused at once (not after the fold) while a
  // server has the store open, and no server opens it meanwhile.
  auto live_lock = projections::StoreDirLock::Take(store_dir);
  if (!live_lock.ok()) {
    return Error(live_lock.error().code(),
                 "rebuild: " + live_lock.error().message() + " (stop serve first)");
  }
  std::error_code ec;
  fs::remove_all(fresh_dir, ec);
  if (ec)
    return Error(ErrorCode::kUnavailable,
                 "rebuild: cannot clear " + fresh_dir + ": " + ec.message());
  {
    // Synced: the children are ingested as SST files (fsynced by the ingestion, no WAL),
    // so the one WAL write is the meta at the end, which must be on disk before the
    // rename below makes this the live store. Opened on a helper thread while the ledger
    // is folded (an open waits on the disk, the fold on the cores).
    std::optional<Result<std::unique_ptr<projections::ProjectionStore>>> fresh;
    std::jthread opener([&] {
      projections::StoreOptions options;
      options.path = fresh_dir;
      fresh = projections::ProjectionStore::Open(options);
    });
    projections::AuthorityState state;
    const std::uint64_t head = ledger.Head().value();
    if (progress) progress(0, head);
    auto applied = FoldLedger(ledger, LedgerPosition(1), head, state, [&](std::uint64_t done) {
      if (progress) progress(done, head);
    });
    opener.join();
    if (!applied.ok()) return applied.error();
    if (!fresh->ok()) return fresh->error();
    Status s = WriteFreshStore(**fresh.value(), state, *applied);
    if (folded != nullptr) {
      *folded = std::move(state);
    } else {
      // Freeing every fact takes a tenth of a rebuild: a helper thread does it while the
      // store is closed and put in place.
      freeing = std::jthread([gone = std::move(state)] {});
    }
    if (!s.ok()) return s;
  }
  fs::remove_all(old_dir, ec);  // a leftover of an interrupted rebuild
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
