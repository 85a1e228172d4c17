#include "ops/read_side.h"

#include "ledger/ledger.h"

namespace cjl::ops {

Result<std::unique_ptr<ReadSide>> ReadSide::Start(const ReadSideConfig& config,
                                                  consumers::Service& service, Metrics& metrics) {
  std::unique_ptr<ReadSide> rs(new ReadSide());
  rs->view_ = std::make_unique<LiveProjection>(*service.ledger());
  metrics.AttachIngest(&service.counters().ingest);
  metrics.AttachRelay(&service.counters().relay);
  metrics.AttachProjector(&service.counters().projector);
  metrics.AttachLiveProjection(rs->view_.get(), service.ledger());

  ApiConfig api;
  api.listen = config.api_listen;
  api.tokens = config.tokens;
  api.due_soon_days = config.due_soon_days;
  api.population_0_17 = config.population_0_17;
  api.on_request = [&metrics](const std::string& method, const std::string& route, int status) {
    metrics.ObserveRequest(method, route, status);
  };
  // Ready also needs the service healthy and the Kafka projector caught up.
  api.ready_check = [&service]() -> Status {
    if (Status s = service.health(); !s.ok()) return s;
    if (auto lag = service.counters().projector.lag.load(); lag > 0) {
      return Error(ErrorCode::kUnavailable,
                   "the Kafka projector is " + std::to_string(lag) + " events behind the ledger");
    }
    return Status::Ok();
  };
  auto server = ApiServer::Start(api, *service.ledger(), *rs->view_);
  if (!server.ok()) return server.error();
  rs->api_ = std::move(*server);
  return rs;
}

}  // namespace cjl::ops
