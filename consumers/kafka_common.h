// Kafka plumbing shared by the streaming components: topic names, connection settings,
// RAII handles over librdkafka's C API, and header helpers. Owned by consumers/.
// librdkafka types never leave consumers/. Thread safety: functions are thread-safe;
// the handles are as thread-safe as librdkafka's (a producer is, a consumer is polled by
// one thread).
//
// Wire format (docs/FORMATS.md, consumers/README.md):
//   care.ingest.v1           key child_id, value one JSON event (EVENTS.md v1)
//   care.ingest.rejected.v1  key and value unchanged; headers `error`, `error_field`
//   care.events.v1           key child_id, value events::EncodeRecorded (binary);
//                            headers `position`, `stream_version` (decimal ASCII), `type`
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <librdkafka/rdkafka.h>

#include "common/result.h"

namespace cjl::consumers {

inline constexpr const char* kIngestTopic = "care.ingest.v1";
inline constexpr const char* kRejectedTopic = "care.ingest.rejected.v1";
inline constexpr const char* kEventsTopic = "care.events.v1";

// How to reach the cluster: bootstrap servers plus any librdkafka property passed
// through unchanged (security.protocol, sasl.*, ssl.*, ...), applied to every client.
struct KafkaSettings {
  std::string brokers;                                      // "host:port,..."
  std::vector<std::pair<std::string, std::string>> config;  // pass-through, in order
};

// Parses "key=value"; kInvalidInput when there is no '=' or the key is empty.
Result<std::pair<std::string, std::string>> ParseConfigPair(std::string_view text);

struct KafkaDeleter {
  void operator()(rd_kafka_t* rk) const;
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
  void operator()(rd_kafka_topic_partition_list_t* l) const {
    rd_kafka_topic_partition_list_destroy(l);
  }
  void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
  void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;
using KafkaConf = std::unique_ptr<rd_kafka_conf_t, KafkaDeleter>;
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, KafkaDeleter>;
using KafkaMessage = std::unique_ptr<rd_kafka_message_t, KafkaDeleter>;

// A configuration with the settings applied, then `overrides` (component defaults the
// pass-through may not change, e.g. enable.auto.commit). kInvalidInput names a bad key.
Result<KafkaConf> MakeConf(const KafkaSettings& settings,
                           const std::vector<std::pair<std::string, std::string>>& overrides);
// What ingest and the projector set on their consumers: offsets stored and committed by
// the component only, no partition-EOF events, and these.
struct ConsumerSettings {
  std::string group_id;
  std::string offset_reset;        // auto.offset.reset: "earliest" or "error"
  int fetch_wait_ms = 2;           // fetch.wait.max.ms (see IngestOptions::fetch_wait_ms)
  int session_timeout_ms = 10000;  // heartbeats every fifth of it (at least 100 ms)
};
Result<KafkaConf> MakeConsumerConf(const KafkaSettings& settings, const ConsumerSettings& consumer);
// Creates a client from `conf` (ownership passes to the client even on failure).
Result<KafkaHandle> MakeClient(rd_kafka_type_t type, KafkaConf conf);

// kUnavailable carrying librdkafka's reason, with `what` in front.
Error KafkaError(const std::string& what, rd_kafka_resp_err_t err);

// The value of the last header `name`, if any.
std::optional<std::string> HeaderValue(const rd_kafka_message_t* m, const char* name);
std::string_view PayloadOf(const rd_kafka_message_t* m);
std::string_view KeyOf(const rd_kafka_message_t* m);

// The partition count of `topic` (metadata request); kUnavailable on timeout.
Result<int> PartitionCount(rd_kafka_t* rk, const char* topic, int timeout_ms);

// The cluster id (stable for a real cluster, new for every embedded mock cluster).
Result<std::string> ClusterId(rd_kafka_t* rk, int timeout_ms);

// Up to `max` messages of a high-level consumer: waits up to `wait_ms` for the first,
// then takes what is already there without waiting (serving rebalance and commit
// callbacks). Appends to `out`; returns how many (0 on timeout).
std::size_t ConsumeBatch(rd_kafka_t* consumer, rd_kafka_queue_t* queue, int wait_ms,
                         std::size_t max, std::vector<KafkaMessage>& out);

// Waits until every queued message of `producer` got its delivery report or `timeout_ms`
// passed; serves delivery callbacks on the calling thread. kUnavailable on timeout.
Status FlushProducer(rd_kafka_t* producer, int timeout_ms);

}  // namespace cjl::consumers
