// `cjl serve`: the streaming service (ingest, relay, projector) with its read side (HTTP
// API + dashboard, /metrics), on the embedded Kafka cluster by default or on --brokers.
// SIGINT/SIGTERM stop it gracefully (service_runner.h).
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <optional>

#include "ops/command.h"
#include "ops/service_runner.h"

namespace cjl::ops {
namespace {

struct ServeArgs {
  std::string data_dir = "data";
  std::vector<std::string> roles;
  std::string brokers;
  std::vector<std::string> kafka_config;
  int partitions = 6;
  std::string group_prefix = "cjl";
  std::string listen = "127.0.0.1:8080";
  std::string metrics_listen = "127.0.0.1:9464";
  std::string tokens_file;
  bool no_http = false;
  std::optional<long> population_0_17;
};

// Tokens from --tokens-file, else the environment, else a new DATA/tokens file.
Result<Tokens> ServeTokens(const ServeArgs& args) {
  if (!args.tokens_file.empty()) return LoadTokens(args.tokens_file);
  if (std::getenv("CJL_READ_TOKEN") || std::getenv("CJL_WRITE_TOKEN")) return LoadTokens("");
  const std::string file = (std::filesystem::path(args.data_dir) / "tokens").string();
  if (std::filesystem::exists(file)) return LoadTokens(file);
  std::error_code ec;
  std::filesystem::create_directories(args.data_dir, ec);
  auto created = CreateTokensFile(file);
  if (created.ok()) std::printf("api tokens: written to %s\n", file.c_str());
  return created;
}

int RunServe(const ServeArgs& args) {
  RunOptions run;
  run.service.data_dir = args.data_dir;
  auto roles = consumers::ParseRoles(args.roles);
  if (!roles.ok()) {
    spdlog::error("{}", roles.error().message());
    return 2;
  }
  run.service.roles = *roles;
  run.service.kafka.brokers = args.brokers;
  for (const std::string& kv : args.kafka_config) {
    auto pair = consumers::ParseConfigPair(kv);
    if (!pair.ok()) {
      spdlog::error("{}", pair.error().message());
      return 2;
    }
    run.service.kafka.config.push_back(*pair);
  }
  run.service.event_partitions = args.partitions;
  run.service.group_prefix = args.group_prefix;
  run.metrics_listen = args.metrics_listen;
  // The read side needs the ledger's writer in this process (it tails the ledger).
  run.with_read_side = !args.no_http && run.service.roles.ingest;
  if (run.with_read_side) {
    auto tokens = ServeTokens(args);
    if (!tokens.ok()) {
      spdlog::error("{}", tokens.error().ToString());
      return 2;
    }
    run.read_side.tokens = *tokens;
    run.read_side.api_listen = args.listen;
    run.read_side.population_0_17 = args.population_0_17;
  }
  run.on_started = [&](consumers::Service& service, const ReadSide* rs,
                       const Metrics& metrics) -> Status {
    if (args.brokers.empty()) std::printf("kafka bootstrap: %s\n", service.bootstrap().c_str());
    if (rs != nullptr) std::printf("api and dashboard: %s\n", rs->api_url().c_str());
    if (!metrics.url().empty()) std::printf("metrics: %s\n", metrics.url().c_str());
    std::fflush(stdout);
    spdlog::info("serve: running (ingest={}, relay={}, projector={}); data in {}",
                 run.service.roles.ingest, run.service.roles.relay, run.service.roles.projector,
                 args.data_dir);
    return Status::Ok();
  };
  return RunService(run);
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Run ingest, relay, projector and the API (embedded Kafka unless --brokers)");
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
  cmd->add_option("--listen", args->listen, "HTTP API and dashboard address")
      ->capture_default_str();
  cmd->add_option("--metrics-listen", args->metrics_listen,
                  "Prometheus /metrics address (empty: none)")
      ->capture_default_str();
  cmd->add_option("--tokens-file", args->tokens_file,
                  "API tokens file (read=..., write=...); else CJL_READ_TOKEN/CJL_WRITE_TOKEN; "
                  "else DATA/tokens is created");
  cmd->add_flag("--no-http", args->no_http, "Run without the HTTP API and dashboard");
  cmd->add_option("--population-0-17", args->population_0_17,
                  "The authority's population aged 0-17, for the scorecard's CLA rate per 10,000")
      ->check(CLI::PositiveNumber);
  cmd->callback([args, exit_code] { *exit_code = RunServe(*args); });
}

}  // namespace cjl::ops
