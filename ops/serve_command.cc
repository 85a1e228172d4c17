// `cjl serve`: runs the streaming service (ingest, relay, projector) in this process,
// on the embedded Kafka cluster by default or on --brokers. Owned by the consumers
// owner (issue 3). Not thread-safe (startup); SIGINT/SIGTERM are taken with signalfd on
// the main thread (blocked in every other thread) and trigger a graceful stop.
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "consumers/service.h"
#include "ops/command.h"

namespace cjl::ops {
namespace {

struct ServeArgs {
  std::string data_dir = "data";
  std::vector<std::string> roles;
  std::string brokers;
  std::vector<std::string> kafka_config;
  int partitions = 6;
  std::string group_prefix = "cjl";
};

int RunServe(const ServeArgs& args) {
  consumers::ServiceConfig config;
  config.data_dir = args.data_dir;
  auto roles = consumers::ParseRoles(args.roles);
  if (!roles.ok()) {
    spdlog::error("{}", roles.error().message());
    return 2;
  }
  config.roles = *roles;
  config.kafka.brokers = args.brokers;
  for (const std::string& kv : args.kafka_config) {
    auto pair = consumers::ParseConfigPair(kv);
    if (!pair.ok()) {
      spdlog::error("{}", pair.error().message());
      return 2;
    }
    config.kafka.config.push_back(*pair);
  }
  config.event_partitions = args.partitions;
  config.group_prefix = args.group_prefix;

  // Block the stop signals before any thread starts, so every thread inherits the mask
  // and only the signalfd below receives them.
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGINT);
  sigaddset(&mask, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &mask, nullptr);
  const int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
  if (sfd < 0) {
    spdlog::error("serve: signalfd failed");
    return 1;
  }

  auto service = consumers::Service::Start(config);
  if (!service.ok()) {
    spdlog::error("serve: {}", service.error().ToString());
    close(sfd);
    return 1;
  }
  if (args.brokers.empty()) {
    std::printf("kafka bootstrap: %s\n", (*service)->bootstrap().c_str());
    std::fflush(stdout);
  }
  spdlog::info("serve: running (ingest={}, relay={}, projector={}); data in {}",
               config.roles.ingest, config.roles.relay, config.roles.projector, config.data_dir);

  int exit_code = 0;
  for (;;) {
    pollfd pfd{sfd, POLLIN, 0};
    // Wake once a second to notice a component that stopped on a fatal error.
    const int ready = poll(&pfd, 1, 1000);
    if (ready > 0) {
      signalfd_siginfo info{};
      if (read(sfd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
        spdlog::info("serve: signal {} received, stopping", info.ssi_signo);
      }
      break;
    }
    if (Status health = (*service)->health(); !health.ok()) {
      spdlog::error("serve: stopping: {}", health.error().ToString());
      exit_code = 1;
      break;
    }
  }
  (*service)->Stop();
  auto& c = (*service)->counters();
  spdlog::info(
      "serve: stopped; ingest consumed {} appended {} duplicates {} rejected {}; "
      "relayed {}; projector applied {} skipped {} gaps repaired {}",
      c.ingest.consumed.load(), c.ingest.appended.load(), c.ingest.duplicates.load(),
      c.ingest.rejected.load(), c.relay.relayed.load(), c.projector.applied.load(),
      c.projector.skipped.load(), c.projector.gaps_repaired.load());
  service->reset();
  close(sfd);
  return exit_code;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Run ingest, relay and projector (embedded Kafka unless --brokers is given)");
  cmd->add_option("--data", args->data_dir,
                  "Data directory (ledger/, projections/, kafka.bootstrap)")
      ->capture_default_str();
  cmd->add_option("--role", args->roles,
                  "ingest, relay, projector (repeatable or comma list; default all)");
  cmd->add_option("--brokers", args->brokers, "HOST:PORT,... of a real Kafka cluster");
  cmd->add_option("--kafka-config", args->kafka_config,
                  "key=value librdkafka setting for every client (repeatable), e.g. "
                  "security.protocol=SASL_SSL");
  cmd->add_option("--partitions", args->partitions,
                  "care.events.v1 partitions of the embedded cluster")
      ->capture_default_str();
  cmd->add_option("--group-prefix", args->group_prefix,
                  "consumer groups <prefix>-ingest and <prefix>-projector")
      ->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunServe(*args); });
}

}  // namespace cjl::ops
