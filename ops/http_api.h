// The HTTP API and dashboard server (civetweb): POST /v1/events, GET /v1/children/{id},
// /v1/trackers, /v1/scorecard, /healthz, /readyz, and the dashboard at /.
// Owned by ops/. Thread-safe: civetweb calls handlers on its worker threads; handlers
// only read shared state through thread-safe objects (Ledger, LiveProjection).
//
// Access: `Authorization: Bearer TOKEN`. POST needs the write token; everything else
// except /healthz and /readyz needs the read token. 401 without a valid token, 403 with a
// token of the wrong kind. Bodies over max_body_bytes get 413. Errors are JSON:
// {"error": "what", "errors": [...]}.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/result.h"
#include "ledger/ledger.h"
#include "ops/live_projection.h"
#include "ops/tokens.h"

namespace cjl::ops {

struct ApiConfig {
  std::string listen = "127.0.0.1:8080";  // civetweb listening_ports syntax; port 0 = any free
  Tokens tokens;
  std::size_t max_body_bytes = 4 << 20;
  std::size_t max_events_per_request = 5000;
  int threads = 4;
  int due_soon_days = 14;
  std::optional<long> population_0_17;  // the authority's 0-17 population (CLA rate)
  // Extra readiness condition (e.g. the Kafka projector caught up); empty = none.
  std::function<Status()> ready_check;
  // Called once per request with method, route template (never the raw URI: it may hold
  // a child id) and status, for metrics.
  std::function<void(const std::string& method, const std::string& route, int status)> on_request;
};

class ApiServer {
 public:
  // Starts listening. kUnavailable if the address cannot be bound.
  static Result<std::unique_ptr<ApiServer>> Start(const ApiConfig& config, ledger::Ledger& ledger,
                                                  const LiveProjection& view);
  virtual ~ApiServer() = default;
  // "http://127.0.0.1:PORT" as actually bound.
  virtual std::string url() const = 0;
};

}  // namespace cjl::ops
