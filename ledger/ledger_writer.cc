// RocksLedger's write path: the queue, leader election and group commit.
//
// Invariants (the committing caller, one at a time: committing_):
//  - one group is judged at a time, against the durable state plus the group's own
//    earlier events; head_/chain_head_ and the readers' snapshot change only after the
//    whole group is durable (its chunks written and the WAL synced);
//  - histories_ mirrors the durable streams plus the current group's events;
//  - after a failed write nothing more is judged or written (storage_failure_).
#include <algorithm>
#include <array>
#include <chrono>

#include "events/domain_rules.h"
#include "events/event_binary.h"
#include "events/validation.h"
#include "ledger/chain.h"
#include "ledger/keys.h"
#include "ledger/rocks_ledger.h"

namespace cjl::ledger {
namespace {

// Bounds the writer's cache of child histories; beyond it the cache starts afresh.
constexpr std::size_t kMaxCachedChildren = 100'000;

// A group of more than kMinChunkEvents events is written in about kChunksPerGroup chunks:
// enough that judging and writing overlap for most of the group, few enough that the
// fixed cost of a RocksDB write per chunk stays small. Below it one synced write is
// faster: at 128 events, 4 chunks of 32 made appends 0.49-0.62 of raw RocksDB, one write
// 0.66-0.78 (ledger_bench, interleaved runs).
constexpr std::size_t kMinChunkEvents = 128;
constexpr std::size_t kChunksPerGroup = 8;

std::int64_t NowMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

Result<Appended> RocksLedger::Append(const events::Event& event,
                                     std::optional<StreamVersion> expected) {
  std::vector<events::Event> one{event};
  return std::move(Submit(one, expected).front());
}

std::vector<Result<Appended>> RocksLedger::AppendBatch(const std::vector<events::Event>& batch) {
  if (batch.empty()) return {};
  return Submit(batch, std::nullopt);
}

std::vector<Result<Appended>> RocksLedger::Submit(const std::vector<events::Event>& events,
                                                  std::optional<StreamVersion> expected) {
  if (options_.read_only) {
    return std::vector<Result<Appended>>(
        events.size(), Error(ErrorCode::kInvalidInput, "ledger opened read-only"));
  }
  PendingAppend request{&events, expected, {}, false, std::chrono::steady_clock::now()};
  std::unique_lock lock(queue_mu_);
  if (stopping_) {
    return std::vector<Result<Appended>>(events.size(),
                                         Error(ErrorCode::kUnavailable, "ledger is closing"));
  }
  queue_.push_back(&request);
  // Leader and followers, as RocksDB's own write group: a caller that finds no group being
  // committed commits every queued request (its own among them) on its own thread, so a
  // lone caller pays no thread hand-off; the others wait for it.
  queue_cv_.wait(lock, [&] { return request.done || !committing_; });
  while (!request.done) {
    committing_ = true;
    std::vector<PendingAppend*> group = TakeGroup();
    lock.unlock();
    CommitGroup(group);
    lock.lock();
    for (PendingAppend* answered : group) answered->done = true;
    committing_ = false;
    queue_cv_.notify_all();
  }
  return std::move(request.results);
}

std::vector<RocksLedger::PendingAppend*> RocksLedger::TakeGroup() {
  std::vector<PendingAppend*> group;
  std::size_t events = 0;
  while (!queue_.empty() &&
         (group.empty() || events + queue_.front()->events->size() <= options_.max_batch_events)) {
    events += queue_.front()->events->size();
    group.push_back(queue_.front());
    queue_.pop_front();
  }
  return group;
}

void RocksLedger::CommitGroup(const std::vector<PendingAppend*>& batch) {
  if (storage_failure_) {
    for (PendingAppend* request : batch) {
      request->results.assign(request->events->size(), *storage_failure_);
    }
    return;
  }
  if (histories_.size() > kMaxCachedChildren) histories_.clear();
  std::size_t events = 0;
  for (const PendingAppend* request : batch) events += request->events->size();
  const std::size_t chunk_events = std::max(kMinChunkEvents, events / kChunksPerGroup);
  const bool pipelined = events > chunk_events;
  LedgerPosition pos = Head();
  events::Sha256 chain = ChainHead();
  const LedgerPosition first_new = pos.next();
  LedgerPosition chunk_first = first_new;  // the first position of the chunk being filled
  std::unique_ptr<rocksdb::WriteBatch> chunk = chunk_writer_->Spare();
  bool shipped = false;  // a chunk went to the ChunkWriter: the group ends with Finish()
  std::unordered_map<std::string, BatchId> batch_ids;
  batch_ids.reserve(events);
  PrefetchEventIds(batch);

  std::size_t ordinal = 0;  // the event's place in the group
  for (PendingAppend* request : batch) {
    request->results.reserve(request->events->size());
    for (const events::Event& e : *request->events) {
      request->results.push_back(
          JudgeOne(e, ordinal++, request->expected, *chunk, pos, chain, batch_ids));
      if (pipelined && pos >= chunk_first &&
          pos.value() - chunk_first.value() + 1 >= chunk_events) {
        SealChunk(*chunk, pos, chain);
        chunk_writer_->Write(std::move(chunk));
        chunk = chunk_writer_->Spare();
        chunk_first = pos.next();
        shipped = true;
      }
    }
  }

  rocksdb::Status s = rocksdb::Status::OK();
  if (pos >= chunk_first) SealChunk(*chunk, pos, chain);
  if (shipped) {
    if (pos >= chunk_first) chunk_writer_->Write(std::move(chunk));
    s = chunk_writer_->Finish();
  } else if (pos >= first_new) {
    s = chunk_writer_->WriteHere(std::move(chunk));
  }

  if (s.ok()) {
    if (pos >= first_new) PublishDurable(pos, chain);
  } else {
    storage_failure_ = FromRocks(s, "append (the ledger refuses appends until it is reopened)");
    histories_.clear();
    for (PendingAppend* request : batch) {
      for (auto& r : request->results) {
        // What this group would have appended (and duplicates of it) failed; rejections
        // and duplicates of already durable events stand.
        if (r.ok() && r->position >= first_new) r = *storage_failure_;
      }
    }
  }
  if (options_.on_commit && pos >= first_new) {
    auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - batch.front()->enqueued);
    options_.on_commit(pos.value() - first_new.value() + 1, latency, s.ok());
  }
}

void RocksLedger::SealChunk(rocksdb::WriteBatch& chunk, LedgerPosition head,
                            const events::Sha256& chain) const {
  chunk.Put(meta_cf_, kHeadKey, EncodeBigEndian64(head.value()));
  chunk.Put(meta_cf_, kChainHeadKey,
            std::string_view(reinterpret_cast<const char*>(chain.data()), chain.size()));
}

Result<RocksLedger::ChildHistory*> RocksLedger::History(const std::string& child_id) {
  auto it = histories_.find(child_id);
  if (it != histories_.end()) return &it->second;
  // Most appends in a large batch are of children the writer has not seen lately, and
  // many are new: a Bloom-filtered point lookup of version 1 answers "new" without an
  // iterator.
  // The durable view is the state before this group; a child this group already touched
  // is in histories_ (the cache is only cleared between groups).
  auto first = Get(DurableView().options, streams_cf_, StreamKey(child_id, 1));
  if (!first.ok()) return first.error();
  if (!*first) return &histories_.emplace(child_id, ChildHistory{}).first->second;
  auto stream = ReadStream(child_id, StreamVersion(1));
  if (!stream.ok()) return stream.error();
  ChildHistory h;
  h.version = StreamVersion(stream->size());
  h.facts.reserve(stream->size() + 4);
  for (const auto& r : *stream) h.facts.push_back(events::PriorFact::Of(r.event));
  return &histories_.emplace(child_id, std::move(h)).first->second;
}

void RocksLedger::PrefetchEventIds(const std::vector<PendingAppend*>& batch) {
  std::vector<rocksdb::Slice> keys;
  for (const PendingAppend* request : batch) {
    for (const events::Event& e : *request->events) keys.emplace_back(e.event_id);
  }
  // In slices of RocksDB's own MultiGet batch size (MultiGetContext::MAX_BATCH_SIZE, an
  // internal constant: 32 in RocksDB 7.8): a larger call sorts all the keys at once and
  // grows a heap vector of key contexts (page faults included), which together were over
  // half the time of the lookup at 1,024 events.
  constexpr std::size_t kSlice = 32;
  std::array<rocksdb::PinnableSlice, kSlice> values;
  std::array<rocksdb::Status, kSlice> statuses;
  const rocksdb::ReadOptions options;
  prefetched_ids_.assign(keys.size(), PrefetchedId{});
  for (std::size_t begin = 0; begin < keys.size(); begin += kSlice) {
    const std::size_t n = std::min(kSlice, keys.size() - begin);
    db_->MultiGet(options, ids_cf_, n, keys.data() + begin, values.data(), statuses.data());
    for (std::size_t i = 0; i < n; ++i) {
      PrefetchedId& found = prefetched_ids_[begin + i];
      if (statuses[i].ok()) {
        auto v = DecodeBigEndian64(values[i].ToStringView());
        if (!v) continue;  // malformed: leave it to FindEventId, which reports corruption
        found = {true, LedgerPosition(*v)};
      } else if (statuses[i].IsNotFound()) {
        found.known = true;
      }  // else an I/O error: FindEventId retries the lookup and reports it
    }
    for (std::size_t i = 0; i < n; ++i) values[i].Reset();  // unpins before reuse
  }
}

Result<std::optional<LedgerPosition>> RocksLedger::PrefetchedEventId(std::size_t ordinal,
                                                                     const std::string& id) const {
  if (ordinal < prefetched_ids_.size() && prefetched_ids_[ordinal].known) {
    return prefetched_ids_[ordinal].at;
  }
  return FindEventId(id);
}

Result<Appended> RocksLedger::CheckDuplicate(const events::Event& e,
                                             LedgerPosition existing) const {
  auto stored = Read(existing);
  if (!stored.ok()) return stored.error();
  if (stored->event != e) {
    return Error(ErrorCode::kConflict,
                 "event_id \"" + e.event_id + "\" is already in the ledger at position " +
                     std::to_string(existing.value()) + " with different content");
  }
  return Appended{existing, stored->stream_version, true};
}

Result<Appended> RocksLedger::JudgeOne(const events::Event& e, std::size_t ordinal,
                                       std::optional<StreamVersion> expected,
                                       rocksdb::WriteBatch& wb, LedgerPosition& pos,
                                       events::Sha256& chain,
                                       std::unordered_map<std::string, BatchId>& batch_ids) {
  if (auto errors = events::ValidateEvent(e, options_.today()); !errors.empty()) {
    return Error(ErrorCode::kInvalidInput, "invalid event", std::move(errors));
  }
  if (auto it = batch_ids.find(e.event_id); it != batch_ids.end()) {
    if (*it->second.event != e) {
      return Error(
          ErrorCode::kConflict,
          "event_id \"" + e.event_id + "\" appears twice in the batch with different content");
    }
    Appended dup = it->second.appended;
    dup.duplicate = true;
    return dup;
  }
  auto existing = PrefetchedEventId(ordinal, e.event_id);
  if (!existing.ok()) return existing.error();
  if (*existing) return CheckDuplicate(e, **existing);

  auto history = History(e.child_id);
  if (!history.ok()) return history.error();
  ChildHistory& h = **history;
  if (expected && *expected != h.version) {
    return Error(ErrorCode::kConflict, "child " + e.child_id + ": expected stream version " +
                                           std::to_string(expected->value()) +
                                           ", the stream is at " +
                                           std::to_string(h.version.value()));
  }
  if (auto errors = events::CheckAgainstHistory(h.facts, e); !errors.empty()) {
    return Error(ErrorCode::kInvalidInput, "event cannot follow the child's history",
                 std::move(errors));
  }

  pos = pos.next();
  const StreamVersion version = h.version.next();
  std::string stored = events::EncodeRecordOf(e, pos, version, NowMicros());
  chain = SealStored(stored, chain, pos);
  const std::string pos_key = EncodeBigEndian64(pos.value());
  wb.Put(events_cf_, pos_key, stored);
  wb.Put(streams_cf_, StreamKey(e.child_id, version.value()), pos_key);
  wb.Put(ids_cf_, e.event_id, pos_key);
  h.version = version;
  h.facts.push_back(events::PriorFact::Of(e));
  Appended appended{pos, version, false};
  batch_ids.emplace(e.event_id, BatchId{appended, &e});
  return appended;
}

}  // namespace cjl::ledger
