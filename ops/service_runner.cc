#include "ops/service_runner.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "ledger/ledger.h"

namespace cjl::ops {
namespace {

// SIGINT/SIGTERM blocked in every thread (set before any starts) and read here from a
// signalfd, so a stop is handled on the main thread between ticks.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&mask_);
    sigaddset(&mask_, SIGINT);
    sigaddset(&mask_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &mask_, nullptr);
    fd_ = signalfd(-1, &mask_, SFD_CLOEXEC);
  }
  ~StopSignals() {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  // True when a stop signal arrived within `timeout_ms`.
  bool Wait(int timeout_ms) {
    pollfd pfd{fd_, POLLIN, 0};
    if (poll(&pfd, 1, timeout_ms) <= 0) return false;
    signalfd_siginfo info{};
    if (read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
      spdlog::info("signal {} received, stopping", info.ssi_signo);
    }
    return true;
  }

 private:
  sigset_t mask_;
  int fd_ = -1;
};

}  // namespace

int RunService(const RunOptions& options) {
  StopSignals signals;
  if (!signals.ok()) {
    spdlog::error("signalfd failed");
    return 1;
  }
  std::unique_ptr<Metrics> metrics;
  if (!options.metrics_listen.empty()) {
    auto started = Metrics::Start(options.metrics_listen);
    if (!started.ok()) {
      spdlog::error("{}", started.error().ToString());
      return 1;
    }
    metrics = std::move(*started);
  } else {
    metrics = Metrics::Unexposed();
  }
  consumers::ServiceConfig config = options.service;
  config.on_commit = [m = metrics.get()](std::size_t n, std::chrono::microseconds l, bool ok) {
    m->ObserveCommit(n, l, ok);
  };
  auto service = consumers::Service::Start(config);
  if (!service.ok()) {
    spdlog::error("{}", service.error().ToString());
    return 1;
  }
  std::unique_ptr<ReadSide> read_side;
  if (options.with_read_side) {
    auto rs = ReadSide::Start(options.read_side, **service, *metrics);
    if (!rs.ok()) {
      spdlog::error("{}", rs.error().ToString());
      (*service)->Stop();
      return 1;
    }
    read_side = std::move(*rs);
  }
  int exit_code = 0;
  if (options.on_started) {
    if (Status s = options.on_started(**service, read_side.get(), *metrics); !s.ok()) {
      spdlog::error("{}", s.error().ToString());
      exit_code = 1;
    }
  }
  while (exit_code == 0 && !signals.Wait(1000)) {
    if (Status health = (*service)->health(); !health.ok()) {
      spdlog::error("stopping: {}", health.error().ToString());
      exit_code = 1;
      break;
    }
    if (options.on_tick && !options.on_tick(**service, read_side.get())) break;
  }
  if (options.on_stopping) options.on_stopping();
  read_side.reset();
  (*service)->Stop();
  auto& c = (*service)->counters();
  spdlog::info(
      "stopped; ingest consumed {} appended {} duplicates {} rejected {}; relayed {}; "
      "projector applied {} skipped {} gaps repaired {}",
      c.ingest.consumed.load(), c.ingest.appended.load(), c.ingest.duplicates.load(),
      c.ingest.rejected.load(), c.relay.relayed.load(), c.projector.applied.load(),
      c.projector.skipped.load(), c.projector.gaps_repaired.load());
  return exit_code;
}

}  // namespace cjl::ops
