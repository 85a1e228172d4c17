#include "consumers/ledger_fold.h"

#include <pthread.h>

#include <algorithm>
#include <deque>
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

// Positions [first, last] cut into chunks, dealt round-robin to the readers.
struct ChunkPlan {
  std::uint64_t first;
  std::uint64_t last;
  std::uint64_t chunk;  // records per chunk
  std::size_t readers;

  std::uint64_t count() const { return (last - first) / chunk + 1; }
  std::uint64_t First(std::uint64_t j) const { return first + j * chunk; }
  std::uint64_t Last(std::uint64_t j) const { return std::min(last, First(j) + chunk - 1); }
};

// One of the fold's readers: reads chunks k, k+K, k+2K, ... (K readers) in that order into
// batches it takes from `empty` and hands over through `full`; a batch never spans two
// chunks, so the applier takes chunk j whole from reader j mod K. Each reader has its own
// batches, enough to read a whole chunk ahead.
// Invariant: `status` is set before `full` closes.
class ChunkReader {
 public:
  static constexpr std::size_t kBatches = 12;
  ChunkReader() : full(kBatches), empty(kBatches) {
    for (std::size_t i = 0; i < kBatches; ++i) empty.Push(RecordBatch());
  }

  // On the reader's own thread.
  void Read(const ledger::Ledger& ledger, const ChunkPlan& plan, std::size_t index) {
    for (std::uint64_t j = index; j < plan.count() && status.ok() && !fold_stopped_;
         j += plan.readers) {
      expected_ = plan.First(j);
      Status scan = ledger.ScanRecordBytes(
          LedgerPosition(expected_), plan.Last(j) - expected_ + 1,
          [this](LedgerPosition position, std::string_view bytes) { return Add(position, bytes); });
      if (fold_stopped_) break;
      if (!scan.ok()) {
        status = scan;
      } else if (expected_ <= plan.Last(j)) {
        // Positions are dense from 1 to the head: a hole is a lost record.
        status = Error(ErrorCode::kCorruption,
                       "position " + std::to_string(expected_) + ": missing from the ledger");
      } else if (batch_) {
        HandOver();  // a batch never spans two chunks
      }
    }
    full.Close();
  }

  HandoffQueue<RecordBatch> full;
  HandoffQueue<RecordBatch> empty;
  Status status = Status::Ok();

 private:
  // The scan's visitor: false stops the scan.
  bool Add(LedgerPosition position, std::string_view bytes) {
    if (position.value() != expected_) return false;  // Read reports the hole
    if (!batch_ && !(batch_ = empty.Pop())) {
      fold_stopped_ = true;
      return false;
    }
    batch_->Add(position, bytes);
    ++expected_;
    return batch_->size() < RecordBatch::kRecords || HandOver();
  }

  bool HandOver() {
    fold_stopped_ = !full.Push(std::move(*batch_));
    batch_.reset();
    return !fold_stopped_;
  }

  std::optional<RecordBatch> batch_;  // taken from `empty` when a record needs it
  std::uint64_t expected_ = 0;        // the next position of the chunk being read
  bool fold_stopped_ = false;         // the applier closed the queues
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
                                 const std::function<void(std::uint64_t)>& progress,
                                 const FoldReaders& readers) {
  const std::uint64_t first = std::max<std::uint64_t>(from.value(), 1);
  const std::uint64_t head = ledger.Head().value();
  if (limit == 0 || first > head) return 0;
  ChunkPlan plan{first, head - first < limit ? head : first + limit - 1,
                 std::max<std::uint64_t>(readers.chunk_records, 1), 1};
  const unsigned wanted =
      readers.count > 0 ? readers.count : std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  plan.readers = static_cast<std::size_t>(std::min<std::uint64_t>(wanted, plan.count()));
  // The readers scan RocksDB and copy records into their batches (no memory crosses
  // threads per record); this thread turns them into facts, in position order, applies
  // them, and hands each emptied batch back to its reader. Facts are allocated here only:
  // allocated on the readers' threads they came from other malloc arenas and the fold
  // was slower.
  std::deque<ChunkReader> chunk_readers(plan.readers);
  std::vector<std::jthread> threads;
  for (std::size_t k = 0; k < plan.readers; ++k) {
    threads.emplace_back([&, k] { chunk_readers[k].Read(ledger, plan, k); });
    pthread_setname_np(threads.back().native_handle(), "cjl-fold-read");  // top -H, perf
  }
  std::uint64_t applied = 0;
  Status status = Status::Ok();
  // A child's facts usually come in runs (an import appends a child's journey at once):
  // the last child's entry saves the map lookup for the rest of its run.
  projections::ChildFacts* last_child = nullptr;
  for (std::uint64_t j = 0; j < plan.count() && status.ok(); ++j) {
    ChunkReader& reader = chunk_readers[j % plan.readers];
    for (std::uint64_t next = plan.First(j); next <= plan.Last(j) && status.ok();) {
      auto batch = reader.full.Pop();
      if (!batch) {
        status = reader.status.ok() ? Error(ErrorCode::kInternal, "fold: a reader stopped early")
                                    : reader.status;
        break;
      }
      for (std::size_t i = 0; i < batch->size(); ++i) {
        auto fact = ToFact(batch->position(i), batch->record(i));
        if (!fact.ok()) {
          status = fact.error();
          break;
        }
        if (last_child == nullptr || last_child->child_id != fact->child_id()) {
          last_child = &state.Child(fact->child_id());
        }
        projections::ApplyFact(*last_child, std::move(*fact));
      }
      if (!status.ok()) break;
      applied += batch->size();
      next = batch->position(batch->size() - 1).value() + 1;
      if (progress) progress(applied);
      batch->Clear();
      reader.empty.Push(std::move(*batch));
    }
  }
  for (ChunkReader& reader : chunk_readers) {  // stops the readers, wherever they wait
    reader.full.Close();
    reader.empty.Close();
  }
  threads.clear();
  if (!status.ok()) return status.error();
  return applied;
}

}  // namespace cjl::consumers
