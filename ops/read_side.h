// The read side of a running service, assembled once for `cjl serve` and `cjl demo`:
// the live projection over the service's ledger, the HTTP API + dashboard, and the
// Prometheus exposer with the service's counters attached. Owned by ops/. Thread-safe
// after Start; destroy before the service it reads.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "consumers/service.h"
#include "ops/http_api.h"
#include "ops/live_projection.h"
#include "ops/metrics.h"

namespace cjl::ops {

struct ReadSideConfig {
  std::string api_listen = "127.0.0.1:8080";
  Tokens tokens;
  int due_soon_days = 14;
  std::optional<long> population_0_17;  // the authority's 0-17 population (CLA rate)
};

class ReadSide {
 public:
  // `metrics` was started before the service (so the ledger's commit hook could point at
  // it); both must outlive the ReadSide. Errors: kUnavailable (address in use).
  static Result<std::unique_ptr<ReadSide>> Start(const ReadSideConfig& config,
                                                 consumers::Service& service, Metrics& metrics);
  std::string api_url() const { return api_->url(); }
  const LiveProjection& view() const { return *view_; }

 private:
  ReadSide() = default;
  std::unique_ptr<LiveProjection> view_;
  std::unique_ptr<ApiServer> api_;
};

}  // namespace cjl::ops
