#include "consumers/projection_runner.h"

#include <pthread.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "consumers/child_cache.h"
#include "consumers/ledger_catch_up.h"
#include "consumers/projection_applier.h"
#include "events/event_binary.h"

namespace cjl::consumers {

struct ProjectionRunner::Impl {
  ProjectorOptions options;
  projections::ProjectionStore* store = nullptr;
  const ledger::Ledger* ledger = nullptr;
  ProjectorCounters* counters = nullptr;
  KafkaHandle consumer;
  rd_kafka_queue_t* queue = nullptr;
  StopSignal stop;
  FatalError fatal;
  std::thread thread;
  std::string cluster_id;  // scope of the stored offsets
  ChildCache recent;       // children committed by recent batches (child_cache.h)

  static void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                          rd_kafka_topic_partition_list_t* parts, void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      self->counters->rebalances.fetch_add(1, std::memory_order_relaxed);
      if (Status s = self->Assign(parts, self->from_beginning); !s.ok()) {
        self->fatal.Set(s.error());
        rd_kafka_assign(rk, nullptr);
      }
    } else {
      // Every batch is written before the next poll, so nothing is pending here.
      rd_kafka_assign(rk, nullptr);
      self->last_assignment = std::chrono::steady_clock::now();
    }
  }

  Status Connect();
  // Sets each partition's offset in `parts` to the stored one (0 when none), or to the
  // earliest for the partitions in `reset`.
  Status SetStartOffsets(rd_kafka_topic_partition_list_t* parts,
                         const std::set<std::int32_t>& reset);
  // Assigns `parts` starting from those offsets.
  Status Assign(rd_kafka_topic_partition_list_t* parts, const std::set<std::int32_t>& reset);
  // Assigns the current partitions again, from the stored offsets (the earliest for those
  // in from_beginning): the replay after an offset reset, or the rewind after a batch that
  // was not applied. A seek cannot do it: a partition stopped by auto.offset.reset=error
  // only fetches again once reassigned. Waits (unless stopped) until kAssignmentSpacing
  // has passed since the last assignment change: two in quick succession abort librdkafka
  // 2.0.2 (assertion `rktp->rktp_started` in rd_kafka_assignment_partition_stopped,
  // librdkafka issue #5573) when the second comes while the first one's partitions are
  // still stopping.
  Status Reassign();
  // Reassign, when one is due and the spacing has passed (never waits).
  Status ReassignIfDue();

  static constexpr std::chrono::milliseconds kAssignmentSpacing{1000};
  std::chrono::steady_clock::time_point last_assignment{};
  // Partitions whose stored offset no longer existed (a catch-up from the ledger came
  // first): they start from the earliest offset until a batch stores an offset of theirs,
  // whatever assignment comes in between.
  std::set<std::int32_t> from_beginning;
  bool reassign_due = false;  // a reset is waiting for its reassignment
  Status CatchUp(const char* why);
  void Run();
  Status ProcessBatch(const std::vector<KafkaMessage>& batch);
};

Status ProjectionRunner::Impl::Connect() {
  // An offset the cluster no longer has is an error here, answered by a catch-up from
  // the ledger, never a silent jump.
  auto conf = MakeConsumerConf(options.kafka, {options.group_id, "error", options.fetch_wait_ms,
                                               options.session_timeout_ms});
  if (!conf.ok()) return conf.error();
  rd_kafka_conf_set_opaque(conf->get(), this);
  if (!options.static_assignment) rd_kafka_conf_set_rebalance_cb(conf->get(), &Impl::OnRebalance);
  auto c = MakeClient(RD_KAFKA_CONSUMER, std::move(conf.value()));
  if (!c.ok()) return c.error();
  consumer = std::move(c.value());
  rd_kafka_poll_set_consumer(consumer.get());
  queue = rd_kafka_queue_get_consumer(consumer.get());
  auto id = ClusterId(consumer.get(), 10000);
  if (!id.ok()) return id.error();
  cluster_id = *id;
  return Status::Ok();
}

Status ProjectionRunner::Impl::SetStartOffsets(rd_kafka_topic_partition_list_t* parts,
                                               const std::set<std::int32_t>& reset) {
  for (int i = 0; i < parts->cnt; ++i) {
    rd_kafka_topic_partition_t& p = parts->elems[i];
    if (reset.count(p.partition) != 0) {
      p.offset = RD_KAFKA_OFFSET_BEGINNING;
      continue;
    }
    auto stored = store->GetOffset(cluster_id, p.topic, p.partition);
    if (!stored.ok()) return stored.error();
    p.offset = stored->has_value() ? static_cast<std::int64_t>((*stored)->value()) : 0;
  }
  return Status::Ok();
}

Status ProjectionRunner::Impl::Assign(rd_kafka_topic_partition_list_t* parts,
                                      const std::set<std::int32_t>& reset) {
  if (Status s = SetStartOffsets(parts, reset); !s.ok()) return s;
  rd_kafka_resp_err_t err = rd_kafka_assign(consumer.get(), parts);
  last_assignment = std::chrono::steady_clock::now();
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError("projector assign", err);
  return Status::Ok();
}

Status ProjectionRunner::Impl::Reassign() {
  const auto ready_at = last_assignment + kAssignmentSpacing;
  const auto now = std::chrono::steady_clock::now();
  if (now < ready_at &&
      stop.WaitFor(std::chrono::duration_cast<std::chrono::milliseconds>(ready_at - now))) {
    return Status::Ok();  // stopping: nothing more is read
  }
  reassign_due = false;
  rd_kafka_topic_partition_list_t* current = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_assignment(consumer.get(), &current);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError("projector assignment", err);
  PartitionList owned(current);
  return Assign(owned.get(), from_beginning);
}

Status ProjectionRunner::Impl::ReassignIfDue() {
  if (!reassign_due || std::chrono::steady_clock::now() < last_assignment + kAssignmentSpacing) {
    return Status::Ok();
  }
  return Reassign();
}

Status ProjectionRunner::Impl::CatchUp(const char* why) {
  if (ledger == nullptr) {
    return Error(ErrorCode::kUnavailable,
                 std::string("projector: cannot catch up from the ledger (none open): ") + why);
  }
  spdlog::info("projector: catching up from the ledger ({})", why);
  counters->catch_ups.fetch_add(1, std::memory_order_relaxed);
  recent.Clear();  // the catch-up writes children behind the cache
  auto applied = CatchUpFromLedger(*ledger, *store, counters, {}, nullptr);
  if (!applied.ok()) return applied.error();
  spdlog::info("projector: catch-up applied {} event(s)", *applied);
  return Status::Ok();
}

Status ProjectionRunner::Impl::ProcessBatch(const std::vector<KafkaMessage>& batch) {
  ProjectionApplier applier(*store, ledger, counters, &recent);
  std::map<std::pair<std::string, std::int32_t>, std::int64_t> next;
  std::set<std::int32_t> reset;
  std::vector<std::string> durable_ids;
  for (const KafkaMessage& m : batch) {
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (m->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET ||
          m->err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE) {
        reset.insert(m->partition);
      } else {
        spdlog::warn("projector: consumer error: {}", rd_kafka_message_errstr(m.get()));
      }
      continue;
    }
    counters->consumed.fetch_add(1, std::memory_order_relaxed);
    // The whole message is decoded (checked) before its bytes become a fact.
    std::optional<projections::Fact> fact;
    std::string problem;
    if (auto decoded = events::DecodeRecorded(PayloadOf(m.get())); !decoded.ok()) {
      problem = decoded.error().message();
    } else if (auto from_bytes =
                   projections::Fact::FromRecordBytes(std::string(PayloadOf(m.get())));
               !from_bytes.ok()) {
      problem = from_bytes.error().message();
    } else {
      fact = std::move(*from_bytes);
    }
    if (!fact) {
      // The committed log should only carry what the relay wrote; take the event from
      // the ledger by its position header rather than skip it.
      auto header = HeaderValue(m.get(), "position");
      std::uint64_t position = header ? std::strtoull(header->c_str(), nullptr, 10) : 0;
      if (ledger == nullptr || position == 0) {
        return Error(ErrorCode::kCorruption, "projector: undecodable message at offset " +
                                                 std::to_string(m->offset) + ": " + problem);
      }
      auto from_ledger = ledger->Read(LedgerPosition(position));
      if (!from_ledger.ok()) return from_ledger.error();
      fact = projections::Fact::FromRecorded(*from_ledger);
    }
    std::string event_id(fact->event_id());
    auto outcome = applier.Apply(std::move(*fact));
    if (!outcome.ok()) return outcome.error();
    if (options.on_durable && *outcome == ProjectionApplier::Outcome::kApplied) {
      durable_ids.push_back(std::move(event_id));
    }
    auto key = std::make_pair(std::string(rd_kafka_topic_name(m->rkt)), m->partition);
    next[key] = std::max(next[key], m->offset + 1);
  }
  for (const auto& [key, offset] : next) {
    applier.batch().PutOffset(cluster_id, key.first, key.second,
                              KafkaOffset(static_cast<std::uint64_t>(offset)));
  }
  if (!applier.batch().empty() || applier.staged_events() > 0 || !next.empty()) {
    if (Status s = applier.Commit(); !s.ok()) return s;
  }
  for (const auto& [key, offset] : next) from_beginning.erase(key.second);  // stored now
  if (options.on_durable && !durable_ids.empty()) options.on_durable(durable_ids);
  if (ledger != nullptr) {
    const std::uint64_t head = ledger->Head().value();
    const std::uint64_t applied = store->AppliedPosition().value();
    counters->lag.store(head > applied ? head - applied : 0, std::memory_order_relaxed);
  }
  if (!reset.empty()) {
    counters->offset_resets.fetch_add(reset.size(), std::memory_order_relaxed);
    if (Status s = CatchUp("a stored offset no longer exists on the topic"); !s.ok()) return s;
    // The other partitions go on meanwhile; the reassignment waits for its spacing.
    from_beginning.insert(reset.begin(), reset.end());
    reassign_due = true;
  }
  return Status::Ok();
}

void ProjectionRunner::Impl::Run() {
  int delay_ms = 100;
  while (!stop.requested()) {
    if (Status r = ReassignIfDue(); !r.ok()) {
      spdlog::warn("projector: reassign: {}", r.error().message());
    }
    std::vector<KafkaMessage> batch;
    const std::size_t n =
        ConsumeBatch(consumer.get(), queue, options.batch_wait_ms, options.max_batch, batch);
    if (!fatal.Get().ok()) return;  // set by the rebalance callback
    if (n == 0) continue;
    Status s = ProcessBatch(batch);
    if (s.ok()) {
      delay_ms = 100;
      continue;
    }
    const ErrorCode code = s.error().code();
    if (code == ErrorCode::kCorruption || code == ErrorCode::kInternal) {
      spdlog::error("projector: stopping: {}", s.error().message());
      fatal.Set(s.error());
      return;
    }
    // Transient: nothing of the batch was written; rewind to the stored offsets.
    spdlog::warn("projector: batch not applied, retrying: {}", s.error().message());
    if (stop.WaitFor(std::chrono::milliseconds(delay_ms))) return;
    delay_ms = std::min(delay_ms * 2, 5000);
    if (Status r = Reassign(); !r.ok()) spdlog::warn("projector: rewind: {}", r.error().message());
  }
}

ProjectionRunner::ProjectionRunner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<ProjectionRunner>> ProjectionRunner::Start(
    const ProjectorOptions& options, projections::ProjectionStore& store,
    const ledger::Ledger* ledger, ProjectorCounters& counters) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->store = &store;
  impl->ledger = ledger;
  impl->counters = &counters;
  if (Status s = impl->Connect(); !s.ok()) return s.error();
  auto known = store.GetMeta(projections::kMetaClusterId);
  if (!known.ok()) return known.error();
  if (!known->has_value() || **known != impl->cluster_id) {
    if (ledger != nullptr) {
      if (Status s = impl->CatchUp("first run on this cluster"); !s.ok()) return s.error();
    } else {
      spdlog::warn("projector: new cluster and no ledger: events relayed elsewhere may be missing");
    }
    projections::StoreBatch mark;
    mark.SetMeta(projections::kMetaClusterId, impl->cluster_id);
    if (Status s = store.Write(mark); !s.ok()) return s.error();
  }
  if (options.static_assignment) {
    auto parts = PartitionCount(impl->consumer.get(), kEventsTopic, 10000);
    if (!parts.ok()) return parts.error();
    PartitionList list(rd_kafka_topic_partition_list_new(*parts));
    for (int i = 0; i < *parts; ++i) rd_kafka_topic_partition_list_add(list.get(), kEventsTopic, i);
    if (Status s = impl->Assign(list.get(), {}); !s.ok()) return s.error();
  } else {
    PartitionList topics(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(topics.get(), kEventsTopic, RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t err = rd_kafka_subscribe(impl->consumer.get(), topics.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError("projector subscribe", err);
  }
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->Run(); });
  pthread_setname_np(impl->thread.native_handle(), "cjl-projector");  // for top -H and perf
  return std::unique_ptr<ProjectionRunner>(new ProjectionRunner(std::move(impl)));
}

Status ProjectionRunner::health() const { return impl_->fatal.Get(); }

void ProjectionRunner::Stop() {
  if (!impl_ || !impl_->consumer) return;
  impl_->stop.Request();
  if (impl_->thread.joinable()) impl_->thread.join();
  if (impl_->queue != nullptr) {
    rd_kafka_queue_destroy(impl_->queue);
    impl_->queue = nullptr;
  }
  rd_kafka_consumer_close(impl_->consumer.get());
  impl_->consumer.reset();
}

ProjectionRunner::~ProjectionRunner() { Stop(); }

}  // namespace cjl::consumers
