// The embedded Kafka: librdkafka's mock cluster, in-process on loopback, with the
// project's topics created up front (the mock does not support the CreateTopics admin
// request). Owned by consumers/. Thread-safe (the mock cluster runs its own thread; the
// fault hooks may be called from any thread).
//
// What the mock gets wrong, and the rest of the design survives (DEPENDENCIES.md): it
// keeps only the last ~5 MiB of a partition, may duplicate retried batches, rejoins a
// group slowly, and keeps everything in memory (empty after a restart; a new cluster id
// every time). Nothing here depends on Kafka keeping history: the ledger is the truth.
//
// Invariants: the topics exist from the moment Start returns until destruction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"

struct rd_kafka_mock_cluster_s;

namespace cjl::consumers {

struct TopicSpec {
  std::string name;
  int partitions = 1;
};

// The topics of the service: ingest (3 partitions), rejected (1), events (`event_partitions`).
std::vector<TopicSpec> ServiceTopics(int event_partitions);

class EmbeddedKafka {
 public:
  // Starts `brokers` brokers on 127.0.0.1 (ports chosen by the kernel) and creates
  // `topics`. Errors: kUnavailable (the cluster or a topic could not be created).
  static Result<std::unique_ptr<EmbeddedKafka>> Start(int brokers,
                                                      const std::vector<TopicSpec>& topics);
  ~EmbeddedKafka();
  EmbeddedKafka(const EmbeddedKafka&) = delete;
  EmbeddedKafka& operator=(const EmbeddedKafka&) = delete;

  // "127.0.0.1:PORT,..." for bootstrap.servers.
  const std::string& bootstrap() const { return bootstrap_; }
  int broker_count() const { return brokers_; }

  // Fault hooks for tests (broker ids are 1..broker_count()).
  Status SetBrokerDown(int broker_id);
  Status SetBrokerUp(int broker_id);
  // The next `errors.size()` requests of `api_key` (a Kafka ApiKey: 0 Produce, 1 Fetch,
  // 8 OffsetCommit, ...) fail with those error codes, in order.
  void PushRequestErrors(int api_key, const std::vector<int>& errors);
  Status CreateTopic(const TopicSpec& topic);

 private:
  EmbeddedKafka() = default;
  struct Handle;
  std::unique_ptr<Handle> handle_;
  rd_kafka_mock_cluster_s* cluster_ = nullptr;
  std::string bootstrap_;
  int brokers_ = 0;
};

}  // namespace cjl::consumers
