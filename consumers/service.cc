#include "consumers/service.h"

#include <filesystem>
#include <fstream>

#include <spdlog/spdlog.h>

#include "consumers/embedded_kafka.h"
#include "consumers/ingestor.h"
#include "consumers/projection_runner.h"
#include "consumers/relay.h"
#include "ledger/ledger.h"
#include "projections/store/projection_store.h"

namespace cjl::consumers {

struct Service::Parts {
  std::unique_ptr<Relay> relay;
  std::unique_ptr<Ingestor> ingest;
  std::unique_ptr<ProjectionRunner> projector;
};

Result<Roles> ParseRoles(const std::vector<std::string>& names) {
  if (names.empty()) return Roles{};
  Roles roles{false, false, false};
  for (const std::string& list : names) {
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      const std::string name = list.substr(start, comma - start);
      if (name == "ingest")
        roles.ingest = true;
      else if (name == "relay")
        roles.relay = true;
      else if (name == "projector")
        roles.projector = true;
      else if (name == "all")
        roles = Roles{};
      else if (!name.empty()) {
        return Error(ErrorCode::kInvalidInput,
                     "--role: unknown role \"" + name + "\" (ingest, relay, projector, all)");
      }
      start = comma + 1;
    }
  }
  return roles;
}

Service::Service() : parts_(std::make_unique<Parts>()) {}

Result<std::unique_ptr<Service>> Service::Start(const ServiceConfig& config) {
  namespace fs = std::filesystem;
  std::unique_ptr<Service> svc(new Service());
  std::error_code ec;
  fs::create_directories(config.data_dir, ec);
  if (ec)
    return Error(ErrorCode::kUnavailable, "data dir " + config.data_dir + ": " + ec.message());

  KafkaSettings kafka = config.kafka;
  if (kafka.brokers.empty()) {
    auto embedded =
        EmbeddedKafka::Start(config.embedded_brokers, ServiceTopics(config.event_partitions));
    if (!embedded.ok()) return embedded.error();
    svc->embedded_ = std::move(embedded.value());
    kafka.brokers = svc->embedded_->bootstrap();
    const std::string file = (fs::path(config.data_dir) / "kafka.bootstrap").string();
    std::ofstream out(file, std::ios::trunc);
    out << kafka.brokers << "\n";
    out.close();
    if (!out) return Error(ErrorCode::kUnavailable, "cannot write " + file);
  }
  svc->bootstrap_ = kafka.brokers;

  const Roles& roles = config.roles;
  ledger::LedgerOptions lo;
  lo.path = (fs::path(config.data_dir) / "ledger").string();
  lo.today = config.today;
  lo.on_commit = config.on_commit;
  auto ledger = ledger::Ledger::Open(lo);
  if (!ledger.ok() && !roles.ingest && !roles.relay) {
    // A projector beside a writer in another process: read what the ledger holds now
    // (gap repair and catch-up see the ledger as of this open).
    spdlog::warn("serve: ledger not writable here ({}); opening read-only",
                 ledger.error().message());
    lo.read_only = true;
    ledger = ledger::Ledger::Open(lo);
  }
  if (!ledger.ok()) return ledger.error();
  svc->ledger_ = std::move(ledger.value());

  if (roles.projector) {
    projections::StoreOptions so;
    so.path = (fs::path(config.data_dir) / "projections").string();
    so.sync = config.store_sync;
    auto store = projections::ProjectionStore::Open(so);
    if (!store.ok()) return store.error();
    svc->store_ = std::move(store.value());
  }

  if (roles.relay) {
    RelayOptions ro;
    ro.kafka = kafka;
    auto relay = Relay::Start(ro, *svc->ledger_, svc->counters_.relay);
    if (!relay.ok()) return relay.error();
    svc->parts_->relay = std::move(relay.value());
  }
  if (roles.ingest) {
    IngestOptions io;
    io.kafka = kafka;
    io.group_id = config.group_prefix + "-ingest";
    io.static_assignment = config.static_assignment;
    io.session_timeout_ms = config.session_timeout_ms;
    io.today = config.today;
    auto ingest = Ingestor::Start(io, *svc->ledger_, svc->counters_.ingest);
    if (!ingest.ok()) return ingest.error();
    svc->parts_->ingest = std::move(ingest.value());
  }
  if (roles.projector) {
    ProjectorOptions po;
    po.kafka = kafka;
    po.group_id = config.group_prefix + "-projector";
    po.static_assignment = config.static_assignment;
    po.session_timeout_ms = config.session_timeout_ms;
    auto runner =
        ProjectionRunner::Start(po, *svc->store_, svc->ledger_.get(), svc->counters_.projector);
    if (!runner.ok()) return runner.error();
    svc->parts_->projector = std::move(runner.value());
  }
  return svc;
}

Status Service::health() const {
  if (parts_->relay) {
    if (Status s = parts_->relay->health(); !s.ok()) return s;
  }
  if (parts_->ingest) {
    if (Status s = parts_->ingest->health(); !s.ok()) return s;
  }
  if (parts_->projector) {
    if (Status s = parts_->projector->health(); !s.ok()) return s;
  }
  return Status::Ok();
}

void Service::Stop() {
  if (parts_->projector) parts_->projector->Stop();
  if (parts_->ingest) parts_->ingest->Stop();
  if (parts_->relay) parts_->relay->Stop();
}

Service::~Service() {
  Stop();
  parts_.reset();
  store_.reset();
  ledger_.reset();
  embedded_.reset();
}

}  // namespace cjl::consumers
