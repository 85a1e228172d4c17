// RocksLedger: the RocksDB implementation of Ledger (ledger.h has the on-disk format and
// the invariants). Private to ledger/. Thread-safe as Ledger says.
//
// Threading: a caller enqueues its request; the first caller to find no group being
// committed becomes the leader and commits every queued request (up to max_batch_events)
// as one group on its own thread, then answers them; the others wait on queue_cv_. A
// large group is cut into chunks: the leader judges the first, then hands the judging of
// the rest to the judge thread and writes each chunk as it is judged, the last with sync,
// which makes the group durable. Readers of this ledger see positions up to the head of the last
// durable group (DurableView), so they never see a chunk before it is durable. (Another process's
// read-only open replays the WAL as written, so it may see a group being written, with its head:
// each chunk carries it.)
#pragma once

#include <rocksdb/db.h>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "common/standby_thread.h"
#include "events/domain_rules.h"
#include "ledger/chunk_relay.h"
#include "ledger/fingerprint_set.h"
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
    std::vector<Result<Appended>> results;  // written by the group's judge, read after done
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

  // What readers may see: positions up to the last durable group commit. RocksDB may
  // already hold later positions (chunks of a group not yet synced, or of a failed one);
  // every read drops what lies beyond `head`. Entries at or below it never change
  // (positions, stream versions and event ids are written once), so a reader needs no
  // RocksDB snapshot. A rolling snapshot made RocksDB rewrite every flushed file of the
  // log once more after its release (a "BottommostFiles" compaction: 0.6 µs of CPU per
  // appended event, append_probe).
  struct ReadView {
    LedgerPosition head;
    events::Sha256 chain_head{};
    bool Shows(LedgerPosition p) const { return p <= head; }
  };

  RocksLedger(LedgerOptions options, rocksdb::DB* db,
              std::vector<rocksdb::ColumnFamilyHandle*> handles);
  Status LoadMeta();
  std::vector<Result<Appended>> Submit(const std::vector<events::Event>& events,
                                       std::optional<StreamVersion> expected);
  // The queued requests of the next group, in order. Under queue_mu_. Should it throw
  // (an allocation), the queue is as it was.
  std::vector<PendingAppend*> TakeGroup();
  // Judges and writes one group and sets each request's results. Leader only.
  void CommitGroup(const std::vector<PendingAppend*>& group);
  // CommitGroup, with an exception (an allocation that failed) turned into the group's
  // failure, so that the leader always hands over and no caller waits forever. The
  // writer's state (histories, fingerprint sets, chunks already written) may then disagree
  // with RocksDB, so the ledger refuses appends until it is reopened, as after a failed
  // write. Should failing itself throw (memory still short), the process ends (noexcept):
  // a restart recovers every acknowledged event.
  void CommitGroupOrFail(const std::vector<PendingAppend*>& group) noexcept;
  void FailAfterException(const std::vector<PendingAppend*>& group, const std::string& what);
  // Adds the head and chain head after the chunk's last event to the chunk, so that any
  // prefix of a group's chunks that a crash leaves is a consistent ledger.
  void SealChunk(rocksdb::WriteBatch& chunk, LedgerPosition head,
                 const events::Sha256& chain) const;
  // Makes a durable group visible: head and chain head.
  void PublishDurable(LedgerPosition head, const events::Sha256& chain);
  ReadView DurableView() const;
  // The record at `position`; kNotFound when there is none or `view` does not show it.
  Result<events::RecordedEvent> ReadAt(const ReadView& view, LedgerPosition position) const;
  // What the group's judge carries from one event of a group to the next.
  struct GroupCursor {
    LedgerPosition pos;      // the last position given out
    events::Sha256 chain{};  // the chain hash at pos
    // The event ids this group appended (views of the callers' events, which outlive
    // the group).
    std::unordered_map<std::string_view, BatchId> ids;
    Date today;                       // read once per group, as the clock
    std::int64_t recorded_at_us = 0;  // the group commits at once: one time for all
    std::string record;               // the record being encoded; its buffer is reused

    // Where the judging is: the next event is (*group[request]->events)[in_request],
    // the group's `judged`-th; the group has `events` events in all.
    std::size_t request = 0;
    std::size_t in_request = 0;
    std::size_t judged = 0;
    std::size_t events = 0;
    LedgerPosition first_new;                    // the group's first position
    LedgerPosition chunk_first;                  // the first position of the chunk being filled
    std::size_t chunk_events = 0;                // appended events that fill it
    std::size_t later_chunk_events = 0;          // ... and each chunk after the first
    bool arm_judge_thread = false;               // at the first appended event
    std::unique_ptr<rocksdb::WriteBatch> chunk;  // the chunk being filled
    bool Done() const { return judged == events; }
    bool AppendedAny() const { return pos >= first_new; }
  };
  // Judges one event; if it is appended, adds it to `chunk` and advances `g`.
  Result<Appended> JudgeOne(const events::Event& e, std::optional<StreamVersion> expected,
                            rocksdb::WriteBatch& chunk, GroupCursor& g);
  // Judges the group's next events into g.chunk until the chunk is full, or the group's
  // events are all judged (g.Done()); returns the chunk, sealed when it holds an event or
  // is the last chunk of a group that appended any.
  std::unique_ptr<rocksdb::WriteBatch> JudgeNextChunk(const std::vector<PendingAppend*>& group,
                                                      GroupCursor& g);
  // Writes `first` (judged, not the last), while the judge thread judges the rest of the
  // group; writes each further chunk as it is judged, the last with sync. Returns the
  // first failed write's status (no chunk after it is written), or rethrows what the
  // judging threw, once the judge thread is done with the group.
  rocksdb::Status WriteWhileJudging(const std::vector<PendingAppend*>& group, GroupCursor& g,
                                    std::unique_ptr<rocksdb::WriteBatch> first);
  // One chunk: the last with sync (when the ledger syncs); the last at least reaches the
  // OS, and so do the earlier ones with it (the WAL is flushed by hand).
  rocksdb::Status WriteChunk(rocksdb::WriteBatch& chunk, bool last);
  Result<ChildHistory*> History(const std::string& child_id);
  ChildHistory* NewChild(const std::string& child_id);
  // Where a durable event with this id is, if any (an id of this group is in
  // GroupCursor::ids, asked first): known_ids_ answers most new ids without RocksDB.
  Result<std::optional<LedgerPosition>> ExistingPosition(const std::string& id) const;
  // Whether to fill the sets before this group: once this writer has judged an eighth as
  // many events as the ledger holds ids (at once for a new or small ledger). Until then
  // every id and child is looked up in RocksDB, so that a few appends to a large ledger
  // (a one-line `cjl append`) do not pay for reading every key; the lookups a writer makes
  // before the sets pay off cost about what reading the keys would.
  bool KnownKeysPayOff();
  // Fills known_ids_ and known_children_ from the ids and streams column families.
  // Before a group's judging, never during one (the scan must see every earlier group
  // durable and this group not yet begun); an error fails that group, and the next tries
  // again.
  Status LoadKnownKeys();
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
  LedgerPosition head_;          // GUARDED_BY(head_mu_)
  events::Sha256 chain_head_{};  // GUARDED_BY(head_mu_)

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<PendingAppend*> queue_;  // GUARDED_BY(queue_mu_)
  bool committing_ = false;           // GUARDED_BY(queue_mu_): a leader is committing
  bool stopping_ = false;             // GUARDED_BY(queue_mu_)

  // The leader's only (one at a time; handed over under queue_mu_), but for what the
  // judge thread uses of the group it was handed: chunks_ (its spares under their own
  // mutex) and, below, what the group's judge uses.
  std::unique_ptr<StandbyThread> judge_thread_;  // null read-only
  // How long the armed judge thread waits for its part of a group: longer than the leader
  // takes to judge the rest of its first chunk (20-40 µs for 16 events).
  static constexpr std::chrono::microseconds kJudgeThreadArmedSpin{1000};
  ChunkRelay chunks_;
  // Set when a group's write failed: RocksDB may hold some of its chunks, not durable and
  // never acknowledged, so no later group may be judged against that state. Every later
  // append fails with it until the ledger is reopened (RocksDB itself refuses writes
  // after a failed WAL sync).
  std::optional<Error> storage_failure_;
  // The group's judge's only: the leader's, or, while the judge thread judges the rest of a
  // group, that thread's (the hand-over and Wait() order them).
  std::unordered_map<std::string, ChildHistory> histories_;
  // Every event id and child id in the ledger (a superset: ids judged into a group that
  // then failed stay), so that a new one is known new without a RocksDB lookup (one was
  // 0.45 µs an event, and RocksDB's memtable Bloom filter that made it that cheap cost
  // its memtable inserts 0.5 µs more). Built by a group commit once they pay off
  // (KnownKeysPayOff; a ledger opened writable only to keep cursors never pays for them)
  // from both column families' keys: 0.16 s for 400,000 events; 16 to 32 bytes a key.
  // Empty and unused until known_keys_loaded_.
  FingerprintSet known_ids_;       // the group's judge's only
  FingerprintSet known_children_;  // the group's judge's only
  // From here on, the leader's only (read by the judge thread while it judges).
  bool known_keys_loaded_ = false;
  std::uint64_t judged_since_open_ = 0;               // events of this writer's groups
  std::optional<std::uint64_t> stored_ids_estimate_;  // read by the first group commit
  // The sets are filled once judged_since_open_ reaches the stored ids over this.
  static constexpr std::uint64_t kStoredIdsPerJudgedToLoad = 8;
};

}  // namespace cjl::ledger
