#include "consumers/projection_applier.h"

namespace cjl::consumers {

ProjectionApplier::ProjectionApplier(projections::ProjectionStore& store,
                                     const ledger::Ledger* ledger, ProjectorCounters* counters,
                                     ChildCache* cache)
    : store_(store), ledger_(ledger), counters_(counters), cache_(cache) {}

Result<projections::ChildRecord*> ProjectionApplier::Load(std::string_view child_id) {
  std::string id(child_id);
  auto it = staged_.find(id);
  if (it != staged_.end()) return &it->second;
  if (cache_ != nullptr) {
    if (auto held = cache_->Take(id)) {
      return &staged_.emplace(std::move(id), std::move(*held)).first->second;
    }
  }
  auto stored = store_.GetChild(id);
  if (!stored.ok()) return stored.error();
  projections::ChildRecord rec;
  if (stored->has_value()) rec = std::move(**stored);
  return &staged_.emplace(std::move(id), std::move(rec)).first->second;
}

void ProjectionApplier::ApplyOne(projections::ChildRecord& rec, projections::Fact&& fact) {
  rec.version = fact.stream_version();
  rec.position = fact.position();
  projections::ApplyFact(rec.facts, std::move(fact));
  ++staged_events_;
  if (counters_) counters_->applied.fetch_add(1, std::memory_order_relaxed);
}

Result<ProjectionApplier::Outcome> ProjectionApplier::Apply(projections::Fact&& e) {
  auto loaded = Load(e.child_id());
  if (!loaded.ok()) return loaded.error();
  projections::ChildRecord& rec = **loaded;
  if (e.stream_version() <= rec.version) {
    if (counters_) counters_->skipped.fetch_add(1, std::memory_order_relaxed);
    return Outcome::kSkipped;
  }
  if (e.stream_version() != rec.version.next()) {
    // A gap: versions rec.version+1 .. e.stream_version-1 never arrived (dropped by the
    // cluster, or a topic that started after them). The ledger holds them.
    if (ledger_ == nullptr) {
      return Error(ErrorCode::kInternal, "projection gap with no ledger to repair it");
    }
    auto missing = ledger_->ReadStream(e.child_id(), rec.version.next());
    if (!missing.ok()) return missing.error();
    std::uint64_t filled = 0;
    for (const events::RecordedEvent& m : *missing) {
      if (m.stream_version >= e.stream_version()) break;
      if (m.stream_version != rec.version.next()) break;
      ApplyOne(rec, projections::Fact::FromRecorded(m));
      ++filled;
    }
    if (rec.version.next() != e.stream_version()) {
      return Error(ErrorCode::kCorruption,
                   "projection gap: the ledger does not hold stream versions " +
                       std::to_string(rec.version.next().value()) + ".." +
                       std::to_string(e.stream_version().value() - 1) + " at position " +
                       std::to_string(e.position().value()));
    }
    if (counters_) {
      counters_->gaps_repaired.fetch_add(1, std::memory_order_relaxed);
      counters_->gap_events.fetch_add(filled, std::memory_order_relaxed);
    }
  }
  ApplyOne(rec, std::move(e));
  return Outcome::kApplied;
}

Status ProjectionApplier::Commit() {
  for (const auto& [child_id, rec] : staged_) {
    if (rec.version.value() > 0) batch_.PutChild(child_id, rec);
  }
  Status s = store_.Write(batch_);
  batch_ = projections::StoreBatch();
  if (cache_ != nullptr) {
    if (!s.ok()) {
      cache_->Clear();  // what the store holds is no longer known
    } else {
      for (auto& [child_id, rec] : staged_) {
        if (rec.version.value() > 0) cache_->Put(child_id, std::move(rec));
      }
    }
  }
  staged_.clear();
  staged_events_ = 0;
  return s;
}

}  // namespace cjl::consumers
