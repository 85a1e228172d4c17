#include "ops/metrics.h"

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <map>
#include <mutex>

#include "projections/scorecard.h"
#include "projections/tracker.h"

namespace cjl::ops {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

MetricFamily Family(std::string name, std::string help, MetricType type) {
  MetricFamily f;
  f.name = std::move(name);
  f.help = std::move(help);
  f.type = type;
  return f;
}

void AddValue(MetricFamily& f, double value, std::vector<ClientMetric::Label> labels = {}) {
  ClientMetric m;
  m.label = std::move(labels);
  if (f.type == MetricType::Counter)
    m.counter.value = value;
  else
    m.gauge.value = value;
  f.metric.push_back(std::move(m));
}

// A family with one unlabelled value, appended to `out`.
void AddSingle(std::vector<MetricFamily>& out, std::string name, std::string help, MetricType type,
               double value) {
  auto f = Family(std::move(name), std::move(help), type);
  AddValue(f, value);
  out.push_back(std::move(f));
}

double Load(const consumers::Counter& c) {
  return static_cast<double>(c.load(std::memory_order_relaxed));
}

// Reads the streaming components' atomics at scrape time.
class StreamingCollector : public prometheus::Collectable {
 public:
  const consumers::IngestCounters* ingest = nullptr;
  const consumers::RelayCounters* relay = nullptr;
  const consumers::ProjectorCounters* projector = nullptr;

  std::vector<MetricFamily> Collect() const override {
    std::vector<MetricFamily> out;
    if (ingest) {
      auto f = Family("cjl_ingest_messages_total",
                      "Messages consumed from care.ingest.v1 by result", MetricType::Counter);
      AddValue(f, Load(ingest->appended), {{"result", "appended"}});
      AddValue(f, Load(ingest->duplicates), {{"result", "duplicate"}});
      AddValue(f, Load(ingest->rejected), {{"result", "rejected"}});
      out.push_back(std::move(f));
      auto d =
          Family("cjl_ingest_dead_letters_total",
                 "Messages sent to care.ingest.rejected.v1 with their reason", MetricType::Counter);
      AddValue(d, Load(ingest->rejected_invalid_json), {{"reason", "invalid_json"}});
      AddValue(d, Load(ingest->rejected_contract), {{"reason", "contract"}});
      AddValue(d, Load(ingest->rejected_domain), {{"reason", "domain"}});
      AddValue(d, Load(ingest->rejected_conflict), {{"reason", "conflict"}});
      out.push_back(std::move(d));
      AddSingle(out, "cjl_ingest_commit_failures_total", "Kafka offset commits that failed",
                MetricType::Counter, Load(ingest->commit_failures));
    }
    if (relay) {
      AddSingle(out, "cjl_relay_events_total", "Events delivered to care.events.v1",
                MetricType::Counter, Load(relay->relayed));
      AddSingle(out, "cjl_relay_lag_events", "Ledger head minus the relay's delivered position",
                MetricType::Gauge, Load(relay->lag));
      AddSingle(out, "cjl_relay_position", "Last ledger position delivered to Kafka",
                MetricType::Gauge, Load(relay->position));
    }
    if (projector) {
      AddSingle(out, "cjl_projector_applied_events_total", "Events applied to the projections",
                MetricType::Counter, Load(projector->applied));
      AddSingle(out, "cjl_projector_skipped_events_total",
                "Re-delivered events skipped as already applied", MetricType::Counter,
                Load(projector->skipped));
      AddSingle(out, "cjl_projector_gaps_repaired_total",
                "Gaps in a child's stream repaired from the ledger", MetricType::Counter,
                Load(projector->gaps_repaired));
      AddSingle(out, "cjl_projector_lag_events", "Ledger head minus the applied position",
                MetricType::Gauge, Load(projector->lag));
      AddSingle(out, "cjl_projector_catch_up_events_total",
                "Events applied from the ledger by catch-ups and rebuilds (progress)",
                MetricType::Counter, Load(projector->catch_up_events));
      AddSingle(out, "cjl_projector_rebalances_total", "Partition assignments received",
                MetricType::Counter, Load(projector->rebalances));
    }
    return out;
  }
};

// Aggregate domain figures as at today, computed from the live projection at scrape time
// and cached for a few seconds (scrapes are frequent; the figures move slowly).
class DomainCollector : public prometheus::Collectable {
 public:
  const LiveProjection* view = nullptr;
  const ledger::Ledger* ledger = nullptr;

  std::vector<MetricFamily> Collect() const override {
    if (!view) return {};
    std::lock_guard lock(mu_);
    auto now = std::chrono::steady_clock::now();
    if (cached_.empty() || now - computed_ > std::chrono::seconds(10)) {
      cached_ = Compute();
      computed_ = now;
    }
    return cached_;
  }

 private:
  std::vector<MetricFamily> Compute() const {
    std::vector<MetricFamily> out;
    const Date today = TodayUtc();
    view->Read([&](const projections::AuthorityState& state, LedgerPosition position) {
      auto card = projections::ComputeScorecard(state, today, projections::CountingProfile::kDfe);
      nlohmann::json j = projections::ScorecardToJson(card);
      auto gauge = [&](const char* name, const char* help, const nlohmann::json& v) {
        auto f = Family(name, help, MetricType::Gauge);
        // A figure with no denominator is absent rather than a misleading 0.
        if (v.is_number()) AddValue(f, v.get<double>());
        out.push_back(std::move(f));
      };
      gauge("cjl_scorecard_children_looked_after", "Children looked after today (short breaks out)",
            j["children_looked_after"]);
      gauge("cjl_scorecard_three_plus_placements_percent",
            "Children looked after with 3+ placements in the 12 months, percent",
            j["three_plus_placements"]["percent"]);
      gauge("cjl_scorecard_long_term_stability_percent",
            "Long-term stability (METRICS.md s3), percent", j["long_term_stability"]["percent"]);
      gauge("cjl_scorecard_a1_mean_days", "A1 over the 3 years to today, mean days",
            j["adoption"]["a1_mean_days"]);
      gauge("cjl_scorecard_a2_mean_days", "A2 over the 3 years to today, mean days",
            j["adoption"]["a2_mean_days"]);
      AddSingle(out, "cjl_projection_position", "Ledger position the read side reflects",
                MetricType::Gauge, static_cast<double>(position.value()));

      auto rows = projections::ComputeTrackers(state, today, projections::TrackerSettings{});
      std::map<std::string, double> alerts;
      std::map<std::pair<std::string, std::string>, double> milestones;
      for (const auto& row : rows) {
        for (const auto& a : row.alerts) alerts[a.kind] += 1;
        for (const auto& m : row.milestones) milestones[{m.id, m.status}] += 1;
      }
      auto af = Family("cjl_tracker_alerts", "Alerts in force today, by kind", MetricType::Gauge);
      for (const auto& [kind, n] : alerts) AddValue(af, n, {{"kind", kind}});
      out.push_back(std::move(af));
      auto mf = Family("cjl_tracker_milestones",
                       "Tracked milestones today, by milestone and status", MetricType::Gauge);
      for (const auto& [key, n] : milestones) {
        AddValue(mf, n, {{"milestone", key.first}, {"status", key.second}});
      }
      out.push_back(std::move(mf));
    });
    if (ledger) {
      AddSingle(out, "cjl_ledger_head_position", "Last durable ledger position", MetricType::Gauge,
                static_cast<double>(ledger->Head().value()));
    }
    return out;
  }

  mutable std::mutex mu_;
  mutable std::vector<MetricFamily> cached_;
  mutable std::chrono::steady_clock::time_point computed_;
};

}  // namespace

struct Metrics::Impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  std::shared_ptr<StreamingCollector> streaming = std::make_shared<StreamingCollector>();
  std::shared_ptr<DomainCollector> domain = std::make_shared<DomainCollector>();
  std::unique_ptr<prometheus::Exposer> exposer;
  std::string url;
  prometheus::Histogram* append_latency = nullptr;
  prometheus::Histogram* batch_size = nullptr;
  prometheus::Counter* appended_ok = nullptr;
  prometheus::Counter* append_failed = nullptr;
  prometheus::Family<prometheus::Counter>* requests = nullptr;
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {
  auto& reg = *impl_->registry;
  impl_->append_latency =
      &prometheus::BuildHistogram()
           .Name("cjl_ledger_append_latency_seconds")
           .Help("Time from an append request's arrival to its durable answer (group commit)")
           .Register(reg)
           .Add({}, prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.002, 0.005, 0.01, 0.02,
                                                            0.05, 0.1, 0.25, 0.5, 1, 2.5});
  impl_->batch_size = &prometheus::BuildHistogram()
                           .Name("cjl_ledger_batch_size_events")
                           .Help("Events written per group commit")
                           .Register(reg)
                           .Add({}, prometheus::Histogram::BucketBoundaries{
                                        1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 8192});
  auto& commits = prometheus::BuildCounter()
                      .Name("cjl_ledger_commits_total")
                      .Help("Group commits by result")
                      .Register(reg);
  impl_->appended_ok = &commits.Add({{"result", "ok"}});
  impl_->append_failed = &commits.Add({{"result", "failed"}});
  impl_->requests = &prometheus::BuildCounter()
                         .Name("cjl_http_requests_total")
                         .Help("HTTP API requests by method, route template and status")
                         .Register(reg);
}

Metrics::~Metrics() = default;

Result<std::unique_ptr<Metrics>> Metrics::Start(const std::string& listen) {
  std::unique_ptr<Metrics> m(new Metrics());
  try {
    m->impl_->exposer = std::make_unique<prometheus::Exposer>(listen);
  } catch (const std::exception& e) {
    return Error(ErrorCode::kUnavailable, "metrics: cannot listen on " + listen + ": " + e.what());
  }
  m->impl_->exposer->RegisterCollectable(m->impl_->registry);
  m->impl_->exposer->RegisterCollectable(m->impl_->streaming);
  m->impl_->exposer->RegisterCollectable(m->impl_->domain);
  auto ports = m->impl_->exposer->GetListeningPorts();
  std::string host = listen.substr(0, listen.rfind(':'));
  m->impl_->url =
      "http://" + host + ":" + std::to_string(ports.empty() ? 0 : ports.front()) + "/metrics";
  return m;
}

std::unique_ptr<Metrics> Metrics::Unexposed() { return std::unique_ptr<Metrics>(new Metrics()); }

std::string Metrics::url() const { return impl_->url; }

std::string Metrics::Render() const {
  std::vector<MetricFamily> all = impl_->registry->Collect();
  for (auto& f : impl_->streaming->Collect()) all.push_back(std::move(f));
  for (auto& f : impl_->domain->Collect()) all.push_back(std::move(f));
  return prometheus::TextSerializer().Serialize(all);
}

void Metrics::ObserveCommit(std::size_t events, std::chrono::microseconds latency, bool ok) {
  impl_->append_latency->Observe(static_cast<double>(latency.count()) / 1e6);
  impl_->batch_size->Observe(static_cast<double>(events));
  (ok ? impl_->appended_ok : impl_->append_failed)->Increment();
}

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status) {
  impl_->requests->Add({{"method", method}, {"route", route}, {"status", std::to_string(status)}})
      .Increment();
}

void Metrics::AttachIngest(const consumers::IngestCounters* c) { impl_->streaming->ingest = c; }
void Metrics::AttachRelay(const consumers::RelayCounters* c) { impl_->streaming->relay = c; }
void Metrics::AttachProjector(const consumers::ProjectorCounters* c) {
  impl_->streaming->projector = c;
}
void Metrics::AttachLiveProjection(const LiveProjection* view, const ledger::Ledger* ledger) {
  impl_->domain->view = view;
  impl_->domain->ledger = ledger;
}

}  // namespace cjl::ops
