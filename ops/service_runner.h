// Runs the service with its read side until SIGINT/SIGTERM, a fatal component error, or
// the caller's tick says stop: the main loop of `cjl serve` and `cjl demo`.
// Owned by ops/. Call from the main thread only (it owns the signal mask).
#pragma once

#include <functional>
#include <string>

#include "consumers/service.h"
#include "ops/read_side.h"

namespace cjl::ops {

struct RunOptions {
  consumers::ServiceConfig service;
  bool with_read_side = true;  // HTTP API + dashboard + live projection
  ReadSideConfig read_side;
  std::string metrics_listen = "127.0.0.1:9464";  // empty: no metrics endpoint
  // After everything started: print addresses, start an upstream, ...
  std::function<Status(consumers::Service&, const ReadSide*, const Metrics&)> on_started;
  // Once a second; return false to stop (e.g. the demo is done).
  std::function<bool(consumers::Service&, const ReadSide*)> on_tick;
  // Before the service stops (e.g. stop the upstream first).
  std::function<void()> on_stopping;
};

// Returns the process exit code: 0 after a signal or a tick's stop, 1 on a fatal error.
int RunService(const RunOptions& options);

}  // namespace cjl::ops
