#include "consumers/ledger_fold.h"

#include <pthread.h>

#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/handoff_queue.h"

namespace cjl::consumers {

namespace {

// The record stored under `position` as a fact.
Result<projections::Fact> ToFact(LedgerPosition position, std::string_view bytes) {
  auto fact = projections::Fact::FromRecordBytes(std::string(bytes));
  if (!fact.ok() || fact->position() != position) {
    return Error(
        ErrorCode::kCorruption,
        "position " + std::to_string(position.value()) + ": " +
            (fact.ok() ? std::string("record holds another position") : fact.error().message()));
  }
  return fact;
}

// Consecutive records copied out of the scan into one buffer. Batches are reused (Clear
// keeps the buffers): a fresh half-megabyte buffer per batch is a fresh mapping from the
// allocator, and its page faults made the reader twice as slow as a bare scan.
class RecordBatch {
 public:
  static constexpr std::size_t kRecords = 1024;
  void Add(LedgerPosition position, std::string_view bytes) {
    if (bytes_.capacity() == 0) {
      bytes_.reserve(kRecords * 512);
      positions_.reserve(kRecords);
      ends_.reserve(kRecords);
    }
    positions_.push_back(position);
    ends_.push_back(bytes_.size() + bytes.size());
    bytes_.append(bytes);
  }
  std::size_t size() const { return positions_.size(); }
  LedgerPosition position(std::size_t i) const { return positions_[i]; }
  std::string_view record(std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  void Clear() {
    bytes_.clear();
    positions_.clear();
    ends_.clear();
  }

 private:
  std::string bytes_;
  std::vector<LedgerPosition> positions_;
  std::vector<std::size_t> ends_;
};

}  // namespace

Status ForEachFact(const ledger::Ledger& ledger, LedgerPosition from, std::uint64_t limit,
                   const std::function<bool(projections::Fact&&)>& visit) {
  Status fact_status = Status::Ok();
  Status scan =
      ledger.ScanRecordBytes(from, limit, [&](LedgerPosition position, std::string_view bytes) {
        auto fact = ToFact(position, bytes);
        if (!fact.ok()) {
          fact_status = fact.error();
          return false;
        }
        return visit(std::move(*fact));
      });
  return scan.ok() ? fact_status : scan;
}

Result<std::uint64_t> FoldLedger(const ledger::Ledger& ledger, LedgerPosition from,
                                 std::uint64_t limit, projections::AuthorityState& state,
                                 const std::function<void(std::uint64_t)>& progress) {
  // Two stages, one per core: a reader thread scans RocksDB and copies the records into
  // batches (no memory crosses threads per record); this thread turns them into facts
  // and applies them in position order, and hands each emptied batch back.
  constexpr std::size_t kBatchesInFlight = 8;
  HandoffQueue<RecordBatch> full(kBatchesInFlight);
  HandoffQueue<RecordBatch> empty(kBatchesInFlight);
  for (std::size_t i = 0; i < kBatchesInFlight; ++i) empty.Push(RecordBatch());
  Status read_status = Status::Ok();
  std::thread reader([&] {
    std::optional<RecordBatch> batch = empty.Pop();
    read_status =
        ledger.ScanRecordBytes(from, limit, [&](LedgerPosition position, std::string_view bytes) {
          batch->Add(position, bytes);
          if (batch->size() < RecordBatch::kRecords) return true;
          if (!full.Push(std::move(*batch))) return false;  // the applier stopped
          batch = empty.Pop();
          return batch.has_value();
        });
    if (batch && batch->size() > 0) full.Push(std::move(*batch));
    full.Close();
  });
  pthread_setname_np(reader.native_handle(), "cjl-fold-read");  // for top -H and perf
  std::uint64_t applied = 0;
  Status apply_status = Status::Ok();
  while (auto batch = full.Pop()) {
    for (std::size_t i = 0; i < batch->size() && apply_status.ok(); ++i) {
      auto fact = ToFact(batch->position(i), batch->record(i));
      if (!fact.ok()) {
        apply_status = fact.error();
        break;
      }
      state.Apply(std::move(*fact));
      ++applied;
    }
    if (!apply_status.ok()) {
      full.Close();  // stops the reader, wherever it waits
      empty.Close();
      break;
    }
    if (progress) progress(applied);
    batch->Clear();
    empty.Push(std::move(*batch));
  }
  reader.join();
  if (!read_status.ok()) return read_status.error();
  if (!apply_status.ok()) return apply_status.error();
  return applied;
}

}  // namespace cjl::consumers
