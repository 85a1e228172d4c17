// The streaming service: the embedded Kafka (unless brokers are given), the ledger, the
// projection store, and the components this process runs (ingest, relay, projector),
// assembled from one ServiceConfig. `cjl serve` is a thin CLI over it. Owned by
// consumers/. Thread-safe: Start/Stop/health from any thread; counters are atomics.
//
// Layout under data_dir: ledger/ (the ledger), projections/ (the projection store),
// kafka.bootstrap (the bootstrap address, written when the embedded cluster starts).
//
// Invariants: components start after what they depend on (cluster, ledger, store) and
// stop before it (projector, ingest, relay, then the cluster).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "common/date.h"
#include "common/result.h"
#include "consumers/counters.h"
#include "consumers/kafka_common.h"

namespace cjl::ledger {
class Ledger;
}
namespace cjl::projections {
class ProjectionStore;
}

namespace cjl::consumers {

class EmbeddedKafka;

struct Roles {
  bool ingest = true;
  bool relay = true;
  bool projector = true;
};
// "ingest,relay" etc. (also "all"); kInvalidInput names an unknown role.
Result<Roles> ParseRoles(const std::vector<std::string>& names);

struct ServiceConfig {
  std::string data_dir;
  Roles roles;
  KafkaSettings kafka;  // brokers empty: start the embedded cluster
  int embedded_brokers = 3;
  int event_partitions = 6;          // care.events.v1 partitions (embedded cluster)
  std::string group_prefix = "cjl";  // groups <prefix>-ingest and <prefix>-projector
  bool static_assignment = false;    // assign partitions instead of joining groups
  int session_timeout_ms = 10000;
  bool store_sync = true;
  std::function<Date()> today = TodayUtc;
  // Passed to the ledger (LedgerOptions::on_commit): each group commit, for metrics.
  std::function<void(std::size_t events, std::chrono::microseconds latency, bool ok)> on_commit;
};

struct ServiceCounters {
  IngestCounters ingest;
  RelayCounters relay;
  ProjectorCounters projector;
};

class Service {
 public:
  // Starts everything the roles need. Errors: as the parts (kUnavailable: ledger or
  // store locked, cluster unreachable; kInvalidInput: settings).
  static Result<std::unique_ptr<Service>> Start(const ServiceConfig& config);
  ~Service();
  // Graceful: each component finishes the batch in hand and records its progress.
  void Stop();
  // The first fatal error of any component, or Ok.
  Status health() const;

  const std::string& bootstrap() const { return bootstrap_; }
  ServiceCounters& counters() { return counters_; }
  ledger::Ledger* ledger() { return ledger_.get(); }
  projections::ProjectionStore* store() { return store_.get(); }
  EmbeddedKafka* embedded() { return embedded_.get(); }

 private:
  Service();
  struct Parts;
  ServiceCounters counters_;
  std::string bootstrap_;
  std::unique_ptr<EmbeddedKafka> embedded_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<projections::ProjectionStore> store_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace cjl::consumers
