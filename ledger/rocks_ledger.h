// RocksLedger: the RocksDB implementation of Ledger (ledger.h has the on-disk format and
// the invariants). Private to ledger/. Thread-safe as Ledger says.
//
// Threading: callers enqueue appends and wait on a future; one writer thread
// (WriterLoop) takes every queued request (up to max_batch_events), judges each event,
// writes them all in one WriteBatch with sync, then answers. Readers use RocksDB directly.
#pragma once

#include <rocksdb/db.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "ledger/ledger.h"

namespace cjl::ledger {

// A RocksDB status as an Error: kCorruption for corruption, else kUnavailable.
Error FromRocks(const rocksdb::Status& s, const std::string& what);

class RocksLedger final : public Ledger {
 public:
  static Result<std::unique_ptr<Ledger>> Open(const LedgerOptions& options);
  ~RocksLedger() override;

  Result<Appended> Append(const events::Event& event,
                          std::optional<StreamVersion> expected) override;
  std::vector<Result<Appended>> AppendBatch(const std::vector<events::Event>& batch) override;

  LedgerPosition Head() const override;
  events::Sha256 ChainHead() const override;
  LedgerPosition WaitForHeadBeyond(LedgerPosition after,
                                   std::chrono::milliseconds timeout) const override;

  Result<events::RecordedEvent> Read(LedgerPosition position) const override;
  Status Scan(LedgerPosition from, std::uint64_t limit,
              const std::function<bool(events::RecordedEvent&)>& visit) const override;
  Status ScanRecordBytes(
      LedgerPosition from, std::uint64_t limit,
      const std::function<bool(LedgerPosition, std::string_view)>& visit) const override;
  Result<std::vector<events::RecordedEvent>> ReadStream(std::string_view child_id,
                                                        StreamVersion from) const override;
  Result<std::optional<LedgerPosition>> FindEventId(std::string_view event_id) const override;
  Result<StreamVersion> CurrentStreamVersion(std::string_view child_id) const override;
  VerifyReport Verify(
      const std::function<void(std::uint64_t, std::uint64_t)>& progress) const override;
  Result<LedgerPosition> GetCursor(std::string_view name) const override;
  Status SetCursor(std::string_view name, LedgerPosition position,
                   CursorSync sync = CursorSync::kSync) override;

 private:
  // One caller's request: its events in order, judged one by one.
  struct PendingAppend {
    const std::vector<events::Event>* events;
    std::optional<StreamVersion> expected;  // single-event appends only
    std::vector<Result<Appended>> results;
    std::promise<void> done;
    std::chrono::steady_clock::time_point enqueued;
  };
  // A child's stream as the writer knows it (cached between batches).
  struct ChildHistory {
    StreamVersion version;
    std::vector<events::Event> events;  // ledger order, retractions included
  };
  // What an event_id maps to within the batch being built.
  struct BatchId {
    Appended appended;
    const events::Event* event;  // the caller's event; lives until the batch is answered
  };

  RocksLedger(LedgerOptions options, rocksdb::DB* db,
              std::vector<rocksdb::ColumnFamilyHandle*> handles);
  Status LoadMeta();
  std::vector<Result<Appended>> Submit(const std::vector<events::Event>& events,
                                       std::optional<StreamVersion> expected);
  void WriterLoop();
  void CommitBatch(std::vector<PendingAppend*>& batch);
  Result<Appended> JudgeOne(const events::Event& e, std::optional<StreamVersion> expected,
                            rocksdb::WriteBatch& wb, LedgerPosition& pos, events::Sha256& chain,
                            std::unordered_map<std::string, BatchId>& batch_ids);
  Result<ChildHistory*> History(const std::string& child_id);
  // One MultiGet of every event id in the batch (ids of events appended by this batch are
  // in batch_ids, checked first); PrefetchedEventId falls back to FindEventId.
  void PrefetchEventIds(const std::vector<PendingAppend*>& batch);
  Result<std::optional<LedgerPosition>> PrefetchedEventId(const std::string& id) const;
  Result<Appended> CheckDuplicate(const events::Event& e, LedgerPosition existing) const;
  Result<std::optional<std::string>> Get(rocksdb::ColumnFamilyHandle* cf,
                                         std::string_view key) const;

  const LedgerOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // owned; destroyed before db_
  rocksdb::ColumnFamilyHandle* events_cf_;
  rocksdb::ColumnFamilyHandle* streams_cf_;
  rocksdb::ColumnFamilyHandle* ids_cf_;
  rocksdb::ColumnFamilyHandle* meta_cf_;

  mutable std::mutex head_mu_;
  mutable std::condition_variable head_cv_;
  LedgerPosition head_;          // GUARDED_BY(head_mu_)
  events::Sha256 chain_head_{};  // GUARDED_BY(head_mu_)

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<PendingAppend*> queue_;  // GUARDED_BY(queue_mu_)
  bool stopping_ = false;             // GUARDED_BY(queue_mu_)

  // Writer-thread only.
  std::unordered_map<std::string, ChildHistory> histories_;
  std::unordered_map<std::string, std::optional<LedgerPosition>> prefetched_ids_;
  std::thread writer_;
};

}  // namespace cjl::ledger
