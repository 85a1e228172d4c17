// Prometheus /metrics on its own port (prometheus-cpp Exposer): operational series and
// aggregate domain gauges. Names are cjl_<module>_<thing>_<unit>; counters end in _total.
// No label ever holds a child identifier: labels are routes, results, milestone ids,
// alert kinds and statuses only. Owned by ops/. Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "consumers/counters.h"
#include "ops/live_projection.h"

namespace prometheus {
class Registry;
class Exposer;
}  // namespace prometheus

namespace cjl::ops {

class Metrics {
 public:
  // Listens on `listen` ("127.0.0.1:9464"; port 0 = any free port).
  static Result<std::unique_ptr<Metrics>> Start(const std::string& listen);
  // Without an exposer: for tests and for rendering the text directly.
  static std::unique_ptr<Metrics> Unexposed();
  ~Metrics();

  std::string url() const;  // http://HOST:PORT/metrics, or "" when unexposed
  // The exposition text of everything registered (what a scrape returns).
  std::string Render() const;

  // Ledger group commit (LedgerOptions::on_commit).
  void ObserveCommit(std::size_t events, std::chrono::microseconds latency, bool ok);
  // One HTTP request (ApiConfig::on_request).
  void ObserveRequest(const std::string& method, const std::string& route, int status);
  // Reads the counters at each scrape; they must outlive this object.
  void AttachIngest(const consumers::IngestCounters* c);
  void AttachRelay(const consumers::RelayCounters* c);
  void AttachProjector(const consumers::ProjectorCounters* c);
  // Domain gauges from the live projection, computed at scrape as at today (cached 10 s).
  void AttachLiveProjection(const LiveProjection* view, const ledger::Ledger* ledger);

 private:
  Metrics();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cjl::ops
