// RocksLedger: the RocksDB implementation of Ledger (ledger.h has the on-disk format and
// the invariants). Private to ledger/. Thread-safe as Ledger says.
//
// Threading: a caller enqueues its request; the first caller to find no group being
// committed becomes the leader and commits every queued request (up to max_batch_events)
// as one group on its own thread, then answers them; the others wait on queue_cv_. A
// large group is cut into chunks that the ChunkWriter's thread writes while the leader
// judges the next; the WAL is synced once at the group's end. Readers read RocksDB
// through the snapshot taken after the last durable group (DurableView), so they never
// see a chunk before it is durable.
#pragma once

#include <rocksdb/db.h>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "events/domain_rules.h"
#include "ledger/chunk_writer.h"
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
    std::vector<Result<Appended>> results;  // written by the leader, read after done
    bool done;                              // GUARDED_BY(queue_mu_)
    std::chrono::steady_clock::time_point enqueued;
  };
  // A child's stream as the writer knows it (cached between batches).
  struct ChildHistory {
    StreamVersion version;
    std::vector<events::PriorFact> facts;  // ledger order, retractions included
  };
  // What an event_id maps to within the batch being built.
  struct BatchId {
    Appended appended;
    const events::Event* event;  // the caller's event; lives until the batch is answered
  };

  // What readers read: RocksDB as of the last durable group commit. Holds the snapshot
  // alive while the options are in use. In read-only mode the latest state (no writes).
  struct ReadView {
    std::shared_ptr<const rocksdb::Snapshot> snapshot;
    rocksdb::ReadOptions options;
    LedgerPosition head;  // of the same commit as the snapshot
    events::Sha256 chain_head{};
  };

  RocksLedger(LedgerOptions options, rocksdb::DB* db,
              std::vector<rocksdb::ColumnFamilyHandle*> handles);
  Status LoadMeta();
  std::vector<Result<Appended>> Submit(const std::vector<events::Event>& events,
                                       std::optional<StreamVersion> expected);
  // The queued requests of the next group, in order. Under queue_mu_.
  std::vector<PendingAppend*> TakeGroup();
  // Judges and writes one group and sets each request's results. Leader only.
  void CommitGroup(const std::vector<PendingAppend*>& group);
  // Adds the head and chain head after the chunk's last event to the chunk, so that any
  // prefix of a group's chunks that a crash leaves is a consistent ledger.
  void SealChunk(rocksdb::WriteBatch& chunk, LedgerPosition head,
                 const events::Sha256& chain) const;
  // Makes a durable group visible: head, chain head and the readers' snapshot.
  void PublishDurable(LedgerPosition head, const events::Sha256& chain);
  ReadView DurableView() const;
  // The record at `position` as `ro` sees it; kNotFound when there is none.
  Result<events::RecordedEvent> ReadAt(const rocksdb::ReadOptions& ro,
                                       LedgerPosition position) const;
  // `ordinal`: the event's place in the group (the order PrefetchEventIds read ids in).
  Result<Appended> JudgeOne(const events::Event& e, std::size_t ordinal,
                            std::optional<StreamVersion> expected, rocksdb::WriteBatch& wb,
                            LedgerPosition& pos, events::Sha256& chain,
                            std::unordered_map<std::string, BatchId>& batch_ids);
  Result<ChildHistory*> History(const std::string& child_id);
  // Looks up every event id of the group in the ids column family, in group order (ids of
  // events appended by this group are in batch_ids, checked first). PrefetchedEventId
  // answers for the event at `ordinal`, and asks FindEventId when the lookup did not.
  void PrefetchEventIds(const std::vector<PendingAppend*>& batch);
  Result<std::optional<LedgerPosition>> PrefetchedEventId(std::size_t ordinal,
                                                          const std::string& id) const;
  Result<Appended> CheckDuplicate(const events::Event& e, LedgerPosition existing) const;
  Result<std::optional<std::string>> Get(const rocksdb::ReadOptions& ro,
                                         rocksdb::ColumnFamilyHandle* cf,
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
  LedgerPosition head_;                               // GUARDED_BY(head_mu_)
  events::Sha256 chain_head_{};                       // GUARDED_BY(head_mu_)
  std::shared_ptr<const rocksdb::Snapshot> durable_;  // GUARDED_BY(head_mu_); null read-only

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<PendingAppend*> queue_;  // GUARDED_BY(queue_mu_)
  bool committing_ = false;           // GUARDED_BY(queue_mu_): a leader is committing
  bool stopping_ = false;             // GUARDED_BY(queue_mu_)

  // The leader's only (one at a time; handed over under queue_mu_).
  std::unique_ptr<ChunkWriter> chunk_writer_;  // null read-only
  // Set when a group's write failed: RocksDB may hold some of its chunks, not durable and
  // never acknowledged, so no later group may be judged against that state. Every later
  // append fails with it until the ledger is reopened (RocksDB itself refuses writes
  // after a failed WAL sync).
  std::optional<Error> storage_failure_;
  std::unordered_map<std::string, ChildHistory> histories_;
  // What PrefetchEventIds found, by the event's place in the group.
  struct PrefetchedId {
    bool known = false;                // false: an error or a malformed value; ask again
    std::optional<LedgerPosition> at;  // where the id already is; nullopt: a new id
  };
  std::vector<PrefetchedId> prefetched_ids_;
};

}  // namespace cjl::ledger
