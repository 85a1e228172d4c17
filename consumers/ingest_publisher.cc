#include "consumers/ingest_publisher.h"

#include <atomic>

#include "events/event_json.h"

namespace cjl::consumers {

struct IngestPublisher::Impl {
  KafkaHandle producer;
  std::atomic<std::uint64_t> failed{0};
  std::atomic<std::uint64_t> failed_at_last_flush{0};

  static void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) static_cast<Impl*>(opaque)->failed.fetch_add(1);
  }
};

IngestPublisher::IngestPublisher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<IngestPublisher>> IngestPublisher::Create(const KafkaSettings& kafka,
                                                                 int linger_ms) {
  auto impl = std::make_unique<Impl>();
  auto conf =
      MakeConf(kafka, {{"enable.idempotence", "true"}, {"linger.ms", std::to_string(linger_ms)}});
  if (!conf.ok()) return conf.error();
  rd_kafka_conf_set_opaque(conf->get(), impl.get());
  rd_kafka_conf_set_dr_msg_cb(conf->get(), &Impl::OnDelivery);
  auto p = MakeClient(RD_KAFKA_PRODUCER, std::move(conf.value()));
  if (!p.ok()) return p.error();
  impl->producer = std::move(p.value());
  return std::unique_ptr<IngestPublisher>(new IngestPublisher(std::move(impl)));
}

IngestPublisher::~IngestPublisher() {
  if (impl_ && impl_->producer) rd_kafka_flush(impl_->producer.get(), 5000);
}

Status IngestPublisher::Publish(std::string_view child_id, std::string_view json) {
  for (;;) {
    rd_kafka_resp_err_t err =
        rd_kafka_producev(impl_->producer.get(), RD_KAFKA_V_TOPIC(kIngestTopic),
                          RD_KAFKA_V_KEY(child_id.data(), child_id.size()),
                          RD_KAFKA_V_VALUE(const_cast<char*>(json.data()), json.size()),
                          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) return KafkaError("publish", err);
    rd_kafka_poll(impl_->producer.get(), 10);  // serves delivery reports, frees queue room
  }
  rd_kafka_poll(impl_->producer.get(), 0);
  return Status::Ok();
}

Status IngestPublisher::Publish(const events::Event& e) {
  return Publish(e.child_id, events::EventToJson(e).dump());
}

Status IngestPublisher::Flush(int timeout_ms) {
  if (Status s = FlushProducer(impl_->producer.get(), timeout_ms); !s.ok()) return s;
  const std::uint64_t failed = impl_->failed.load();
  const std::uint64_t before = impl_->failed_at_last_flush.exchange(failed);
  if (failed != before) {
    return Error(ErrorCode::kUnavailable,
                 "publish: " + std::to_string(failed - before) + " message(s) not delivered");
  }
  return Status::Ok();
}

std::uint64_t IngestPublisher::failed() const { return impl_->failed.load(); }

}  // namespace cjl::consumers
