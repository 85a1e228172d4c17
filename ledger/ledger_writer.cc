// RocksLedger's write path: the queue, the writer thread and group commit.
//
// Invariants (writer thread):
//  - head_/chain_head_ change only after a batch's WriteBatch was written (synced);
//  - histories_ mirrors the durable streams; after a failed write it is dropped whole,
//    since it may hold events of the batch that was not written.
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
  PendingAppend request{&events, expected, {}, {}, std::chrono::steady_clock::now()};
  std::future<void> done = request.done.get_future();
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) {
      return std::vector<Result<Appended>>(events.size(),
                                           Error(ErrorCode::kUnavailable, "ledger is closing"));
    }
    queue_.push_back(&request);
  }
  queue_cv_.notify_one();
  done.wait();
  return std::move(request.results);
}

void RocksLedger::WriterLoop() {
  for (;;) {
    std::vector<PendingAppend*> batch;
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      std::size_t events = 0;
      while (!queue_.empty() && (batch.empty() || events + queue_.front()->events->size() <=
                                                      options_.max_batch_events)) {
        events += queue_.front()->events->size();
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    CommitBatch(batch);
  }
}

void RocksLedger::CommitBatch(std::vector<PendingAppend*>& batch) {
  if (histories_.size() > kMaxCachedChildren) histories_.clear();
  std::size_t events = 0;
  for (const PendingAppend* request : batch) events += request->events->size();
  // Room for the batch's puts up front (about 400 bytes an event), so the batch's buffer
  // is not regrown and copied as it fills.
  rocksdb::WriteBatch wb(events * 400);
  LedgerPosition pos = Head();
  events::Sha256 chain = ChainHead();
  const LedgerPosition first_new = pos.next();
  std::unordered_map<std::string, BatchId> batch_ids;
  PrefetchEventIds(batch);

  for (PendingAppend* request : batch) {
    request->results.reserve(request->events->size());
    for (const events::Event& e : *request->events) {
      request->results.push_back(JudgeOne(e, request->expected, wb, pos, chain, batch_ids));
    }
  }

  Status written = Status::Ok();
  if (pos >= first_new) {
    wb.Put(meta_cf_, kHeadKey, EncodeBigEndian64(pos.value()));
    wb.Put(meta_cf_, kChainHeadKey,
           std::string_view(reinterpret_cast<const char*>(chain.data()), chain.size()));
    rocksdb::WriteOptions wo;
    wo.sync = options_.sync;
    rocksdb::Status s = db_->Write(wo, &wb);
    if (!s.ok()) written = FromRocks(s, "append");
  }

  if (written.ok()) {
    if (pos >= first_new) {
      {
        std::lock_guard lock(head_mu_);
        head_ = pos;
        chain_head_ = chain;
      }
      head_cv_.notify_all();
    }
  } else {
    histories_.clear();
    for (PendingAppend* request : batch) {
      for (auto& r : request->results) {
        // What this batch would have appended (and duplicates of it) failed; rejections
        // and duplicates of already durable events stand.
        if (r.ok() && r->position >= first_new) r = written.error();
      }
    }
  }
  if (options_.on_commit && pos >= first_new) {
    auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - batch.front()->enqueued);
    options_.on_commit(pos.value() - first_new.value() + 1, latency, written.ok());
  }
  for (PendingAppend* request : batch) request->done.set_value();
}

Result<RocksLedger::ChildHistory*> RocksLedger::History(const std::string& child_id) {
  auto it = histories_.find(child_id);
  if (it != histories_.end()) return &it->second;
  // Most appends in a large batch are of children the writer has not seen lately, and
  // many are new: a Bloom-filtered point lookup of version 1 answers "new" without an
  // iterator.
  auto first = Get(streams_cf_, StreamKey(child_id, 1));
  if (!first.ok()) return first.error();
  if (!*first) return &histories_.emplace(child_id, ChildHistory{}).first->second;
  auto stream = ReadStream(child_id, StreamVersion(1));
  if (!stream.ok()) return stream.error();
  ChildHistory h;
  h.version = StreamVersion(stream->size());
  h.events.reserve(stream->size() + 4);
  for (auto& r : *stream) h.events.push_back(std::move(r.event));
  return &histories_.emplace(child_id, std::move(h)).first->second;
}

void RocksLedger::PrefetchEventIds(const std::vector<PendingAppend*>& batch) {
  prefetched_ids_.clear();
  std::vector<rocksdb::Slice> keys;
  for (const PendingAppend* request : batch) {
    for (const events::Event& e : *request->events) keys.emplace_back(e.event_id);
  }
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  db_->MultiGet(rocksdb::ReadOptions(), ids_cf_, keys.size(), keys.data(), values.data(),
                statuses.data());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::optional<LedgerPosition> pos;
    if (statuses[i].ok()) {
      auto v = DecodeBigEndian64(values[i].ToStringView());
      if (!v) continue;  // malformed: leave it to FindEventId, which reports corruption
      pos = LedgerPosition(*v);
    } else if (!statuses[i].IsNotFound()) {
      continue;  // an I/O error: FindEventId retries the lookup and reports it
    }
    prefetched_ids_.emplace(keys[i].ToString(), pos);
  }
}

Result<std::optional<LedgerPosition>> RocksLedger::PrefetchedEventId(const std::string& id) const {
  auto it = prefetched_ids_.find(id);
  if (it != prefetched_ids_.end()) return it->second;
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

Result<Appended> RocksLedger::JudgeOne(const events::Event& e,
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
  auto existing = PrefetchedEventId(e.event_id);
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
  std::vector<const events::Event*> view;
  view.reserve(h.events.size());
  for (const auto& prior : h.events) view.push_back(&prior);
  if (auto errors = events::CheckAgainstHistory(view, e); !errors.empty()) {
    return Error(ErrorCode::kInvalidInput, "event cannot follow the child's history",
                 std::move(errors));
  }

  pos = pos.next();
  events::RecordedEvent r{e, pos, h.version.next(), NowMicros(), {}, {}};
  const std::string stored = SealRecord(r, chain);
  chain = r.hash;
  const std::string pos_key = EncodeBigEndian64(pos.value());
  wb.Put(events_cf_, pos_key, stored);
  wb.Put(streams_cf_, StreamKey(e.child_id, r.stream_version.value()), pos_key);
  wb.Put(ids_cf_, e.event_id, pos_key);
  h.version = r.stream_version;
  h.events.push_back(std::move(r.event));  // sealed: the record's copy of e is free
  Appended appended{pos, r.stream_version, false};
  batch_ids.emplace(e.event_id, BatchId{appended, &e});
  return appended;
}

}  // namespace cjl::ledger
