#include "consumers/kafka_common.h"

#include <algorithm>

#include <cstdlib>

namespace cjl::consumers {

void KafkaDeleter::operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }

Result<std::pair<std::string, std::string>> ParseConfigPair(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return Error(ErrorCode::kInvalidInput,
                 "kafka config: expected key=value, got \"" + std::string(text) + "\"");
  }
  return std::make_pair(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
}

Result<KafkaConf> MakeConf(const KafkaSettings& settings,
                           const std::vector<std::pair<std::string, std::string>>& overrides) {
  KafkaConf conf(rd_kafka_conf_new());
  char err[512];
  auto set = [&](const std::string& k, const std::string& v) -> Status {
    if (rd_kafka_conf_set(conf.get(), k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      return Error(ErrorCode::kInvalidInput, "kafka config " + k + ": " + err);
    }
    return Status::Ok();
  };
  if (Status s = set("bootstrap.servers", settings.brokers); !s.ok()) return s.error();
  // Quiet by default: librdkafka logs through its own logger to stderr.
  if (Status s = set("log_level", "3"); !s.ok()) return s.error();
  for (const auto& [k, v] : settings.config) {
    if (Status s = set(k, v); !s.ok()) return s.error();
  }
  for (const auto& [k, v] : overrides) {
    if (Status s = set(k, v); !s.ok()) return s.error();
  }
  return conf;
}

Result<KafkaConf> MakeConsumerConf(const KafkaSettings& settings,
                                   const ConsumerSettings& consumer) {
  return MakeConf(settings, {{"group.id", consumer.group_id},
                             {"enable.auto.commit", "false"},
                             {"enable.auto.offset.store", "false"},
                             {"auto.offset.reset", consumer.offset_reset},
                             {"enable.partition.eof", "false"},
                             {"fetch.wait.max.ms", std::to_string(consumer.fetch_wait_ms)},
                             {"session.timeout.ms", std::to_string(consumer.session_timeout_ms)},
                             {"heartbeat.interval.ms",
                              std::to_string(std::max(100, consumer.session_timeout_ms / 5))}});
}

Result<KafkaHandle> MakeClient(rd_kafka_type_t type, KafkaConf conf) {
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf.get(), err, sizeof err);
  if (rk == nullptr) {
    return Error(ErrorCode::kInvalidInput, std::string("kafka client: ") + err);
  }
  conf.release();  // owned by the client now
  return KafkaHandle(rk);
}

Error KafkaError(const std::string& what, rd_kafka_resp_err_t err) {
  return Error(ErrorCode::kUnavailable, what + ": " + rd_kafka_err2str(err));
}

std::optional<std::string> HeaderValue(const rd_kafka_message_t* m, const char* name) {
  rd_kafka_headers_t* hdrs = nullptr;
  if (rd_kafka_message_headers(m, &hdrs) != RD_KAFKA_RESP_ERR_NO_ERROR) return std::nullopt;
  const void* value = nullptr;
  size_t size = 0;
  if (rd_kafka_header_get_last(hdrs, name, &value, &size) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return std::nullopt;
  }
  return value ? std::string(static_cast<const char*>(value), size) : std::string();
}

std::string_view PayloadOf(const rd_kafka_message_t* m) {
  return m->payload ? std::string_view(static_cast<const char*>(m->payload), m->len)
                    : std::string_view();
}

std::string_view KeyOf(const rd_kafka_message_t* m) {
  return m->key ? std::string_view(static_cast<const char*>(m->key), m->key_len)
                : std::string_view();
}

Result<int> PartitionCount(rd_kafka_t* rk, const char* topic, int timeout_ms) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic, nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, rkt, &md, timeout_ms);
  rd_kafka_topic_destroy(rkt);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError(std::string("metadata ") + topic, err);
  int count = 0;
  rd_kafka_resp_err_t topic_err = RD_KAFKA_RESP_ERR_NO_ERROR;
  for (int i = 0; i < md->topic_cnt; ++i) {
    if (std::string_view(md->topics[i].topic) == topic) {
      count = md->topics[i].partition_cnt;
      topic_err = md->topics[i].err;
    }
  }
  rd_kafka_metadata_destroy(md);
  if (topic_err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return KafkaError(std::string("metadata ") + topic, topic_err);
  }
  if (count == 0) return Error(ErrorCode::kNotFound, std::string("topic ") + topic + " not found");
  return count;
}

Result<std::string> ClusterId(rd_kafka_t* rk, int timeout_ms) {
  char* id = rd_kafka_clusterid(rk, timeout_ms);
  if (id == nullptr) return Error(ErrorCode::kUnavailable, "kafka cluster id: no answer");
  std::string out(id);
  rd_kafka_mem_free(rk, id);
  return out;
}

std::size_t ConsumeBatch(rd_kafka_t* consumer, rd_kafka_queue_t* queue, int wait_ms,
                         std::size_t max, std::vector<KafkaMessage>& out) {
  rd_kafka_message_t* first = rd_kafka_consumer_poll(consumer, wait_ms);
  if (first == nullptr) return 0;
  out.emplace_back(first);
  std::size_t n = 1;
  std::vector<rd_kafka_message_t*> raw(std::min<std::size_t>(max - 1, 4096));
  while (n < max && !raw.empty()) {
    const ssize_t got =
        rd_kafka_consume_batch_queue(queue, 0, raw.data(), std::min(raw.size(), max - n));
    if (got <= 0) break;
    for (ssize_t i = 0; i < got; ++i) out.emplace_back(raw[i]);
    n += static_cast<std::size_t>(got);
  }
  return n;
}

Status FlushProducer(rd_kafka_t* producer, int timeout_ms) {
  rd_kafka_resp_err_t err = rd_kafka_flush(producer, timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return KafkaError("flush", err);
  return Status::Ok();
}

}  // namespace cjl::consumers
