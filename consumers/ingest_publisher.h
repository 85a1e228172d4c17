// Publishes upstream JSON events to care.ingest.v1 (key child_id), as an upstream system
// would: for the demo, the benchmark and tests. Owned by consumers/. Thread-safe (a
// librdkafka producer may be shared between threads).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "consumers/kafka_common.h"
#include "events/event.h"

namespace cjl::consumers {

class IngestPublisher {
 public:
  // An idempotent producer. Errors: kInvalidInput (settings).
  static Result<std::unique_ptr<IngestPublisher>> Create(const KafkaSettings& kafka,
                                                         int linger_ms = 5);
  ~IngestPublisher();

  // Queues one JSON event (sent as is, valid or not) keyed by `child_id`. Blocks while
  // the local queue is full. kUnavailable if the producer refuses it.
  Status Publish(std::string_view child_id, std::string_view json);
  // EventToJson(e) keyed by e.child_id.
  Status Publish(const events::Event& e);
  // Waits until everything queued was delivered; kUnavailable when `timeout_ms` passes
  // first or a delivery failed since the last Flush (the count is in failed()).
  Status Flush(int timeout_ms);
  std::uint64_t failed() const;

  struct Impl;

 private:
  explicit IngestPublisher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cjl::consumers
