#include "consumers/ingestor.h"

#include <pthread.h>

#include <map>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "events/event_json.h"

namespace cjl::consumers {
namespace {

struct Rejection {
  const rd_kafka_message_t* msg;
  std::string error;
  std::string error_field;
  Counter IngestCounters::*reason = &IngestCounters::rejected_contract;
};

// The reason class of a rejection, for the dead-letter counters.
Counter IngestCounters::*ReasonOf(const Error& e) {
  if (e.code() == ErrorCode::kConflict) return &IngestCounters::rejected_conflict;
  for (const FieldError& d : e.details()) {
    if (d.field.empty() &&
        (d.message == "not valid JSON" || d.message == "an event must be a JSON object")) {
      return &IngestCounters::rejected_invalid_json;
    }
  }
  if (e.message() == "event cannot follow the child's history") {
    return &IngestCounters::rejected_domain;
  }
  return &IngestCounters::rejected_contract;
}

Rejection RejectionOf(const rd_kafka_message_t* m, const Error& e) {
  Rejection r{m, "", "", ReasonOf(e)};
  if (e.details().empty()) {
    r.error = e.message();
  } else {
    for (const FieldError& d : e.details()) {
      if (!r.error.empty()) r.error += "; ";
      r.error += d.field.empty() ? d.message : d.field + ": " + d.message;
      if (!r.error_field.empty()) r.error_field += ",";
      r.error_field += d.field;
    }
  }
  return r;
}

}  // namespace

struct Ingestor::Impl {
  IngestOptions options;
  ledger::Ledger* ledger = nullptr;
  IngestCounters* counters = nullptr;
  KafkaHandle consumer;
  KafkaHandle producer;  // for rejections
  rd_kafka_queue_t* queue = nullptr;
  StopSignal stop;
  FatalError fatal;
  std::thread thread;
  // Delivery results of the rejections in flight, by index (written by the callback,
  // which runs on this component's thread inside flush).
  std::vector<rd_kafka_resp_err_t> delivery;

  static void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    const auto i = reinterpret_cast<std::uintptr_t>(m->_private);
    if (i < self->delivery.size()) self->delivery[i] = m->err;
  }

  // Result of an asynchronous offset commit (served on this thread inside consume).
  static void OnCommitted(rd_kafka_t*, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t*,
                          void* opaque) {
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR__NO_OFFSET) return;
    // The batch will be read again after a restart or rebalance: duplicates, no loss.
    static_cast<Impl*>(opaque)->counters->commit_failures.fetch_add(1, std::memory_order_relaxed);
    spdlog::warn("ingest: offset commit failed: {}", rd_kafka_err2str(err));
  }

  Status Connect();
  void Run();
  // One batch: false when the batch could not be finished (stop requested mid-retry).
  bool ProcessBatch(std::vector<KafkaMessage>& batch);
  std::vector<Result<ledger::Appended>> AppendWithRetry(const std::vector<events::Event>& evs);
  bool DeliverRejections(const std::vector<Rejection>& rejections);
  // A message beyond the next expected offset of its partition: the cluster dropped
  // proposals before they were read (the mock keeps ~5 MiB per partition) or they were
  // transaction markers. Counted and logged; only upstream can resend them.
  void NoteOffsetGap(const rd_kafka_message_t* m) {
    auto [it, first] =
        seen_offsets.try_emplace({rd_kafka_topic_name(m->rkt), m->partition}, m->offset + 1);
    if (first) return;
    if (m->offset > it->second) {
      counters->offset_gaps.fetch_add(static_cast<std::uint64_t>(m->offset - it->second),
                                      std::memory_order_relaxed);
      spdlog::warn("ingest: partition {} skipped from offset {} to {} (dropped by the cluster?)",
                   m->partition, it->second, m->offset);
    }
    it->second = std::max(it->second, m->offset + 1);
  }
  // Next offset expected per partition, from what was read (gap detection only; commits
  // use next_offsets, which only covers finished batches).
  std::map<std::pair<std::string, std::int32_t>, std::int64_t> seen_offsets;

  // Notes the batch's next offsets and commits them (asynchronously).
  void CommitOffsets(const std::vector<KafkaMessage>& batch);
  void Commit(bool async);
  // Next offset per (topic, partition) whose messages are all appended or rejected.
  std::map<std::pair<std::string, std::int32_t>, std::int64_t> next_offsets;
};

Status Ingestor::Impl::Connect() {
  auto cconf = MakeConsumerConf(options.kafka, {options.group_id, "earliest", options.fetch_wait_ms,
                                                options.session_timeout_ms});
  if (!cconf.ok()) return cconf.error();
  rd_kafka_conf_set_opaque(cconf->get(), this);
  rd_kafka_conf_set_offset_commit_cb(cconf->get(), &Impl::OnCommitted);
  auto c = MakeClient(RD_KAFKA_CONSUMER, std::move(cconf.value()));
  if (!c.ok()) return c.error();
  consumer = std::move(c.value());
  rd_kafka_poll_set_consumer(consumer.get());
  queue = rd_kafka_queue_get_consumer(consumer.get());

  auto pconf = MakeConf(options.kafka, {{"enable.idempotence", "true"}, {"linger.ms", "5"}});
  if (!pconf.ok()) return pconf.error();
  rd_kafka_conf_set_opaque(pconf->get(), this);
  rd_kafka_conf_set_dr_msg_cb(pconf->get(), &Impl::OnDelivery);
  auto p = MakeClient(RD_KAFKA_PRODUCER, std::move(pconf.value()));
  if (!p.ok()) return p.error();
  producer = std::move(p.value());

  if (options.static_assignment) {
    auto parts = PartitionCount(consumer.get(), kIngestTopic, 10000);
    if (!parts.ok()) return parts.error();
    PartitionList list(rd_kafka_topic_partition_list_new(*parts));
    for (int i = 0; i < *parts; ++i) {
      // INVALID = resume from the group's committed offset (auto.offset.reset if none).
      rd_kafka_topic_partition_list_add(list.get(), kIngestTopic, i)->offset =
          RD_KAFKA_OFFSET_INVALID;
    }
    rd_kafka_resp_err_t err = rd_kafka_assign(consumer.get(), list.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError("ingest assign", err);
  } else {
    PartitionList topics(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(topics.get(), kIngestTopic, RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t err = rd_kafka_subscribe(consumer.get(), topics.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError("ingest subscribe", err);
  }
  return Status::Ok();
}

std::vector<Result<ledger::Appended>> Ingestor::Impl::AppendWithRetry(
    const std::vector<events::Event>& evs) {
  std::vector<Result<ledger::Appended>> results = ledger->AppendBatch(evs);
  auto retryable = [](const Result<ledger::Appended>& r) {
    return !r.ok() && r.error().code() != ErrorCode::kInvalidInput &&
           r.error().code() != ErrorCode::kConflict;
  };
  int delay_ms = 50;
  for (;;) {
    std::vector<std::size_t> again;
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (retryable(results[i])) again.push_back(i);
    }
    if (again.empty()) return results;
    spdlog::warn("ingest: ledger append unavailable for {} event(s), retrying: {}", again.size(),
                 results[again.front()].error().message());
    if (stop.WaitFor(std::chrono::milliseconds(delay_ms))) return results;
    delay_ms = std::min(delay_ms * 2, 2000);
    std::vector<events::Event> retry;
    for (std::size_t i : again) retry.push_back(evs[i]);
    auto retried = ledger->AppendBatch(retry);
    counters->append_retries.fetch_add(retry.size(), std::memory_order_relaxed);
    for (std::size_t k = 0; k < again.size(); ++k) results[again[k]] = std::move(retried[k]);
  }
}

bool Ingestor::Impl::DeliverRejections(const std::vector<Rejection>& rejections) {
  std::vector<std::size_t> pending(rejections.size());
  for (std::size_t i = 0; i < pending.size(); ++i) pending[i] = i;
  int delay_ms = 50;
  while (!pending.empty()) {
    delivery.assign(rejections.size(), RD_KAFKA_RESP_ERR__IN_PROGRESS);
    for (std::size_t i : pending) {
      const rd_kafka_message_t* m = rejections[i].msg;
      rd_kafka_headers_t* hdrs = rd_kafka_headers_new(2);
      rd_kafka_header_add(hdrs, "error", -1, rejections[i].error.data(),
                          rejections[i].error.size());
      rd_kafka_header_add(hdrs, "error_field", -1, rejections[i].error_field.data(),
                          rejections[i].error_field.size());
      rd_kafka_resp_err_t err;
      do {
        err = rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(kRejectedTopic),
                                RD_KAFKA_V_KEY(m->key, m->key_len),
                                RD_KAFKA_V_VALUE(m->payload, m->len),
                                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(hdrs),
                                RD_KAFKA_V_OPAQUE(reinterpret_cast<void*>(i)), RD_KAFKA_V_END);
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) rd_kafka_poll(producer.get(), 50);
      } while (err == RD_KAFKA_RESP_ERR__QUEUE_FULL);
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_headers_destroy(hdrs);  // not taken over on failure
        delivery[i] = err;
      }
    }
    while (rd_kafka_outq_len(producer.get()) > 0) {
      rd_kafka_flush(producer.get(), 500);
      if (stop.requested() && rd_kafka_outq_len(producer.get()) > 0) return false;
    }
    std::vector<std::size_t> failed;
    for (std::size_t i : pending) {
      if (delivery[i] != RD_KAFKA_RESP_ERR_NO_ERROR) failed.push_back(i);
    }
    counters->rejected.fetch_add(pending.size() - failed.size(), std::memory_order_relaxed);
    for (std::size_t i : pending) {
      if (delivery[i] == RD_KAFKA_RESP_ERR_NO_ERROR) {
        (counters->*(rejections[i].reason)).fetch_add(1, std::memory_order_relaxed);
      }
    }
    pending = std::move(failed);
    if (!pending.empty()) {
      spdlog::warn("ingest: {} rejection(s) not delivered, retrying: {}", pending.size(),
                   rd_kafka_err2str(delivery[pending.front()]));
      if (stop.WaitFor(std::chrono::milliseconds(delay_ms))) return false;
      delay_ms = std::min(delay_ms * 2, 2000);
    }
  }
  return true;
}

void Ingestor::Impl::CommitOffsets(const std::vector<KafkaMessage>& batch) {
  for (const KafkaMessage& m : batch) {
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
    auto key = std::make_pair(std::string(rd_kafka_topic_name(m->rkt)), m->partition);
    next_offsets[key] = std::max(next_offsets[key], m->offset + 1);
  }
  // Asynchronous: the append is already durable, so the commit only saves re-reading;
  // its result arrives in OnCommitted. Stop commits synchronously at the end.
  Commit(/*async=*/true);
}

void Ingestor::Impl::Commit(bool async) {
  if (next_offsets.empty()) return;
  PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(next_offsets.size())));
  for (const auto& [key, offset] : next_offsets) {
    rd_kafka_topic_partition_list_add(list.get(), key.first.c_str(), key.second)->offset = offset;
  }
  rd_kafka_resp_err_t err = rd_kafka_commit(consumer.get(), list.get(), async ? 1 : 0);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    counters->commit_failures.fetch_add(1, std::memory_order_relaxed);
    spdlog::warn("ingest: offset commit failed: {}", rd_kafka_err2str(err));
  }
}

bool Ingestor::Impl::ProcessBatch(std::vector<KafkaMessage>& batch) {
  std::vector<events::Event> valid;
  std::vector<const rd_kafka_message_t*> valid_msgs;
  std::vector<Rejection> rejections;
  const Date today = options.today();
  for (const KafkaMessage& m : batch) {
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      spdlog::warn("ingest: consumer error: {}", rd_kafka_message_errstr(m.get()));
      continue;
    }
    counters->consumed.fetch_add(1, std::memory_order_relaxed);
    NoteOffsetGap(m.get());
    auto parsed = events::ParseEventJson(PayloadOf(m.get()), today);
    if (!parsed.ok()) {
      rejections.push_back(RejectionOf(m.get(), parsed.error()));
      continue;
    }
    valid.push_back(std::move(parsed.value()));
    valid_msgs.push_back(m.get());
  }
  if (!valid.empty()) {
    auto results = AppendWithRetry(valid);
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (results[i].ok()) {
        if (results[i]->duplicate)
          counters->duplicates.fetch_add(1, std::memory_order_relaxed);
        else
          counters->appended.fetch_add(1, std::memory_order_relaxed);
        continue;
      }
      const ErrorCode code = results[i].error().code();
      if (code == ErrorCode::kInvalidInput || code == ErrorCode::kConflict) {
        rejections.push_back(RejectionOf(valid_msgs[i], results[i].error()));
      } else {
        return false;  // still unavailable and stopping: commit nothing
      }
    }
  }
  if (!rejections.empty()) {
    spdlog::info("ingest: rejecting {} message(s)", rejections.size());
    if (!DeliverRejections(rejections)) return false;
  }
  CommitOffsets(batch);
  counters->batches.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void Ingestor::Impl::Run() {
  while (!stop.requested()) {
    std::vector<KafkaMessage> batch;
    const std::size_t n =
        ConsumeBatch(consumer.get(), queue, options.batch_wait_ms, options.max_batch, batch);
    if (n == 0) continue;
    if (!ProcessBatch(batch)) return;  // stopping with work unfinished: nothing committed
  }
}

Ingestor::Ingestor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<Ingestor>> Ingestor::Start(const IngestOptions& options,
                                                  ledger::Ledger& ledger,
                                                  IngestCounters& counters) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->ledger = &ledger;
  impl->counters = &counters;
  if (Status s = impl->Connect(); !s.ok()) return s.error();
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->Run(); });
  pthread_setname_np(impl->thread.native_handle(), "cjl-ingest");  // for top -H and perf
  return std::unique_ptr<Ingestor>(new Ingestor(std::move(impl)));
}

Status Ingestor::health() const { return impl_->fatal.Get(); }

void Ingestor::Stop() {
  if (!impl_ || !impl_->consumer) return;
  impl_->stop.Request();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->Commit(/*async=*/false);
  if (impl_->queue != nullptr) {
    rd_kafka_queue_destroy(impl_->queue);
    impl_->queue = nullptr;
  }
  rd_kafka_consumer_close(impl_->consumer.get());
  impl_->consumer.reset();
  rd_kafka_flush(impl_->producer.get(), 2000);
  impl_->producer.reset();
}

Ingestor::~Ingestor() { Stop(); }

}  // namespace cjl::consumers
