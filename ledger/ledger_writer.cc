// RocksLedger's write path: the queue, leader election and group commit.
//
// Invariants (the committing caller, one at a time: committing_):
//  - one group is judged at a time, against the durable state plus the group's own
//    earlier events, by one thread at a time: the leader, which may hand the rest of
//    the group to the judge thread and then waits for it before it ends the group;
//  - the leader alone writes, a group's chunks in order; head_/chain_head_ (what readers
//    see) change only after the whole group is durable (its last chunk written synced);
//  - histories_ mirrors the durable streams plus the current group's events;
//  - after a failed write, or an exception while a group was committed, nothing more is
//    judged or written (storage_failure_), and no caller waits for a group that ended.
#include <chrono>
#include <exception>
#include <utility>

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

// How a group is cut into chunks (appended events per chunk). The leader judges the first
// chunk while the judge thread wakes up (armed at the group's first appended event), then
// writes it while that thread judges the next, and so on: judging a chunk (1.2 µs an event)
// takes about half as long as writing it (2-2.5 µs), so from the second chunk on the
// judging hides behind the writing, and the leader writes the whole group in order, its
// last chunk with sync. The WAL is flushed by hand (manual_wal_flush), so an unsynced
// chunk costs RocksDB no write(2) of its own, and chunks can be small: the last one, which
// the leader can only write once all is judged, follows soon after. A group of fewer than
// kMinPipelinedEvents is one chunk: a hand-off would cost more than the overlap gains.
struct ChunkPlan {
  std::size_t first;  // appended events in the first chunk
  std::size_t rest;   // ... in each later chunk but the last
};

constexpr std::size_t kMinPipelinedEvents = 64;

ChunkPlan PlanChunks(std::size_t events) {
  if (events < kMinPipelinedEvents) return {events, events};
  return {16, 32};
}

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
    std::vector<PendingAppend*> group;
    try {
      group = TakeGroup();
    } catch (const std::exception& e) {
      // Nothing was taken (TakeGroup allocates first): this request leaves the queue
      // unanswered, and another waiting caller may lead.
      std::erase(queue_, &request);
      queue_cv_.notify_all();
      return std::vector<Result<Appended>>(
          events.size(), Error(ErrorCode::kUnavailable, std::string("append failed: ") + e.what()));
    }
    committing_ = true;
    lock.unlock();
    CommitGroupOrFail(group);
    lock.lock();
    for (PendingAppend* answered : group) answered->done = true;
    committing_ = false;
    queue_cv_.notify_all();
  }
  return std::move(request.results);
}

std::vector<RocksLedger::PendingAppend*> RocksLedger::TakeGroup() {
  std::size_t taken = 0;
  std::size_t events = 0;
  while (taken < queue_.size() &&
         (taken == 0 || events + queue_[taken]->events->size() <= options_.max_batch_events)) {
    events += queue_[taken]->events->size();
    ++taken;
  }
  std::vector<PendingAppend*> group;
  group.reserve(taken);  // the one allocation, before anything leaves the queue
  for (std::size_t i = 0; i < taken; ++i) {
    group.push_back(queue_.front());
    queue_.pop_front();
  }
  return group;
}

void RocksLedger::CommitGroupOrFail(const std::vector<PendingAppend*>& group) noexcept {
  try {
    CommitGroup(group);
    return;
  } catch (const std::exception& e) {
    FailAfterException(group, e.what());
  } catch (...) {
    FailAfterException(group, "an unknown exception");
  }
}

void RocksLedger::FailAfterException(const std::vector<PendingAppend*>& group,
                                     const std::string& what) {
  storage_failure_ =
      Error(ErrorCode::kUnavailable,
            "append failed: " + what + " (the ledger refuses appends until it is reopened)");
  histories_.clear();
  // An exception leaves CommitGroup before the group is published (on_commit, after it,
  // cannot throw out): as after a failed write, what the group would have appended (and
  // duplicates of it) failed, rejections and duplicates of durable events stand, and the
  // events not judged yet fail.
  const LedgerPosition first_new = Head().next();
  for (PendingAppend* request : group) {
    for (auto& r : request->results) {
      if (r.ok() && r->position >= first_new) r = *storage_failure_;
    }
    request->results.resize(request->events->size(), *storage_failure_);
  }
}

void RocksLedger::CommitGroup(const std::vector<PendingAppend*>& batch) {
  if (storage_failure_) {
    for (PendingAppend* request : batch) {
      request->results.assign(request->events->size(), *storage_failure_);
    }
    return;
  }
  if (histories_.size() > kMaxCachedChildren) histories_.clear();
  if (!known_keys_loaded_ && KnownKeysPayOff()) {
    if (Status loaded = LoadKnownKeys(); !loaded.ok()) {
      for (PendingAppend* request : batch) {
        request->results.assign(request->events->size(), loaded.error());
      }
      return;
    }
  }
  std::size_t events = 0;
  for (const PendingAppend* request : batch) events += request->events->size();
  judged_since_open_ += events;
  const ChunkPlan plan = PlanChunks(events);
  GroupCursor g;
  g.pos = Head();
  g.chain = ChainHead();
  g.today = options_.today();
  g.recorded_at_us = NowMicros();
  g.ids.reserve(events);
  g.events = events;
  g.first_new = g.pos.next();
  g.chunk_first = g.first_new;
  g.chunk_events = plan.first;
  g.later_chunk_events = plan.rest;
  g.arm_judge_thread = plan.first < events;
  g.chunk = chunks_.Spare();
  const LedgerPosition first_new = g.first_new;

  std::unique_ptr<rocksdb::WriteBatch> first = JudgeNextChunk(batch, g);
  rocksdb::Status s = rocksdb::Status::OK();
  if (!g.Done()) {
    s = WriteWhileJudging(batch, g, std::move(first));
  } else {
    if (g.AppendedAny()) s = WriteChunk(*first, /*last=*/true);
    chunks_.Recycle(std::move(first));
  }
  const LedgerPosition pos = g.pos;

  if (s.ok()) {
    if (pos >= first_new) PublishDurable(pos, g.chain);
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
    try {
      options_.on_commit(pos.value() - first_new.value() + 1, latency, s.ok());
    } catch (...) {  // NOLINT(bugprone-empty-catch): a metrics hook must not fail a durable group
    }
  }
}

std::unique_ptr<rocksdb::WriteBatch> RocksLedger::JudgeNextChunk(
    const std::vector<PendingAppend*>& group, GroupCursor& g) {
  while (!g.Done()) {
    PendingAppend& request = *group[g.request];
    if (g.in_request == request.events->size()) {  // an empty request: nothing to judge
      ++g.request;
      g.in_request = 0;
      continue;
    }
    if (g.in_request == 0) request.results.reserve(request.events->size());
    const events::Event& e = (*request.events)[g.in_request];
    request.results.push_back(JudgeOne(e, request.expected, *g.chunk, g));
    ++g.judged;
    if (g.arm_judge_thread && g.AppendedAny()) {
      // Woken at the group's first appended event, so that it spins only for a group
      // that will fill a chunk (most do); it wakes while the first chunk is judged.
      g.arm_judge_thread = false;
      judge_thread_->Arm();
    }
    if (++g.in_request == request.events->size()) {
      ++g.request;
      g.in_request = 0;
    }
    if (!g.Done() && g.pos >= g.chunk_first &&
        g.pos.value() - g.chunk_first.value() + 1 >= g.chunk_events) {
      SealChunk(*g.chunk, g.pos, g.chain);
      g.chunk_first = g.pos.next();
      g.chunk_events = g.later_chunk_events;
      return std::exchange(g.chunk, chunks_.Spare());
    }
  }
  // Sealed even when every event after the last full chunk was refused: the synced write
  // of the last chunk is what makes the earlier ones durable.
  if (g.AppendedAny()) SealChunk(*g.chunk, g.pos, g.chain);
  return std::move(g.chunk);
}

rocksdb::Status RocksLedger::WriteWhileJudging(const std::vector<PendingAppend*>& group,
                                               GroupCursor& g,
                                               std::unique_ptr<rocksdb::WriteBatch> first) {
  // Each chunk the judge thread hands over before the last holds chunk_events of the
  // events left, appended: there are at most left / chunk_events of them.
  CJL_CHECK(g.chunk_events > 0, "WriteWhileJudging: an empty chunk plan");
  chunks_.Reset((g.events - g.judged) / g.chunk_events + 1);
  judge_thread_->Run([&] {
    try {
      for (;;) {
        auto chunk = JudgeNextChunk(group, g);
        const bool last = g.Done();
        chunks_.Publish(std::move(chunk), last);
        if (last) return;
      }
    } catch (...) {
      chunks_.Fail(std::current_exception());
    }
  });
  // The judge thread uses `group` and `g` until it is done, however this function ends.
  struct AwaitJudge {
    StandbyThread& thread;
    ~AwaitJudge() { thread.Wait(); }
  } await_judge{*judge_thread_};

  rocksdb::Status s = WriteChunk(*first, /*last=*/false);
  chunks_.Recycle(std::move(first));
  for (std::size_t i = 0;; ++i) {
    ChunkRelay::Slot& slot = chunks_.Await(i);
    if (slot.error) std::rethrow_exception(slot.error);  // AwaitJudge waits as it unwinds
    // The last chunk is written even when it holds no event (all after the previous chunk
    // were refused): its synced write makes the earlier chunks durable.
    if (s.ok()) s = WriteChunk(*slot.chunk, slot.last);
    chunks_.Recycle(std::move(slot.chunk));
    if (slot.last) return s;
  }
}

rocksdb::Status RocksLedger::WriteChunk(rocksdb::WriteBatch& chunk, bool last) {
  rocksdb::WriteOptions wo;
  wo.sync = last && options_.sync;
  rocksdb::Status s = db_->Write(wo, &chunk);
  // The WAL is flushed by hand (manual_wal_flush): a synced write flushes it first; an
  // unsynced group ends in the OS's cache, as it would without the option.
  if (s.ok() && last && !options_.sync) s = db_->FlushWAL(/*sync=*/false);
  return s;
}

void RocksLedger::SealChunk(rocksdb::WriteBatch& chunk, LedgerPosition head,
                            const events::Sha256& chain) const {
  chunk.Put(meta_cf_, kHeadKey, EncodeBigEndian64(head.value()));
  chunk.Put(meta_cf_, kChainHeadKey,
            std::string_view(reinterpret_cast<const char*>(chain.data()), chain.size()));
}

RocksLedger::ChildHistory* RocksLedger::NewChild(const std::string& child_id) {
  // A new child's facts usually follow in the same batch (an import appends a journey
  // at once): room for a few saves the vector's first reallocations.
  ChildHistory h;
  h.facts.reserve(4);
  return &histories_.emplace(child_id, std::move(h)).first->second;
}

Result<RocksLedger::ChildHistory*> RocksLedger::History(const std::string& child_id) {
  auto it = histories_.find(child_id);
  if (it != histories_.end()) return &it->second;
  if (known_keys_loaded_ && !known_children_.MayContain(child_id)) return NewChild(child_id);
  // A child known_children_ may hold almost always has a stream: read it (an empty one
  // is a child whose fingerprint another child shares, or a new one while the sets are
  // not loaded). While a group is judged RocksDB holds nothing beyond the durable head
  // but this group's chunks, and a child this group touched is in histories_ (the cache
  // is only cleared between groups; after a failed write nothing more is judged).
  auto stream = ReadStream(child_id, StreamVersion(1));
  if (!stream.ok()) return stream.error();
  if (stream->empty()) return NewChild(child_id);
  ChildHistory h;
  h.version = StreamVersion(stream->size());
  h.facts.reserve(stream->size() + 4);
  for (const auto& r : *stream) h.facts.push_back(events::PriorFact::Of(r.event));
  return &histories_.emplace(child_id, std::move(h)).first->second;
}

Result<std::optional<LedgerPosition>> RocksLedger::ExistingPosition(const std::string& id) const {
  if (known_keys_loaded_ && !known_ids_.MayContain(id)) return std::optional<LedgerPosition>();
  return FindEventId(id);  // a duplicate, a fingerprint shared with another id, or unloaded
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

Result<Appended> RocksLedger::JudgeOne(const events::Event& e,
                                       std::optional<StreamVersion> expected,
                                       rocksdb::WriteBatch& chunk, GroupCursor& g) {
  if (auto errors = events::ValidateEvent(e, g.today); !errors.empty()) {
    return Error(ErrorCode::kInvalidInput, "invalid event", std::move(errors));
  }
  if (auto it = g.ids.find(e.event_id); it != g.ids.end()) {
    if (*it->second.event != e) {
      return Error(
          ErrorCode::kConflict,
          "event_id \"" + e.event_id + "\" appears twice in the batch with different content");
    }
    Appended dup = it->second.appended;
    dup.duplicate = true;
    return dup;
  }
  auto existing = ExistingPosition(e.event_id);
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

  g.pos = g.pos.next();
  const StreamVersion version = h.version.next();
  events::EncodeRecordInto(g.record, e, g.pos, version, g.recorded_at_us);
  g.chain = SealStored(g.record, g.chain, g.pos);
  const std::string pos_key = EncodeBigEndian64(g.pos.value());
  chunk.Put(events_cf_, pos_key, g.record);
  chunk.Put(streams_cf_, StreamKey(e.child_id, version.value()), pos_key);
  chunk.Put(ids_cf_, e.event_id, pos_key);
  h.version = version;
  h.facts.push_back(events::PriorFact::Of(e));
  if (known_keys_loaded_) {
    known_ids_.Insert(e.event_id);
    if (version.value() == 1) known_children_.Insert(e.child_id);
  }
  Appended appended{g.pos, version, false};
  g.ids.emplace(e.event_id, BatchId{appended, &e});
  return appended;
}

}  // namespace cjl::ledger
