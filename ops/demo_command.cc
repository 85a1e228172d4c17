// `cjl demo`: `serve` on the embedded Kafka with the read side, plus a synthetic upstream
// that publishes generated journeys over Kafka on an accelerated clock up to today.
// Prints the dashboard, API and metrics addresses and the tokens file.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include "ledger/ledger.h"
#include "ops/command.h"
#include "ops/demo_upstream.h"
#include "ops/service_runner.h"

namespace cjl::ops {
namespace {

struct DemoArgs {
  std::string data_dir = "demo-data";
  std::uint64_t children = 1500;
  std::uint64_t seed = 2024;
  int years = 6;
  double days_per_second = 40;
  std::string api_listen = "127.0.0.1:8080";
  std::string metrics_listen = "127.0.0.1:9464";
  bool exit_when_done = false;
};

int RunDemo(const DemoArgs& args) {
  std::error_code ec;
  std::filesystem::create_directories(args.data_dir, ec);
  if (ec) {
    std::cerr << "cjl demo: cannot create " << args.data_dir << ": " << ec.message() << std::endl;
    return 2;
  }
  const std::string tokens_file = (std::filesystem::path(args.data_dir) / "tokens").string();
  auto tokens = CreateTokensFile(tokens_file);
  if (!tokens.ok()) {
    std::cerr << "cjl demo: " << tokens.error().ToString() << std::endl;
    return 2;
  }

  RunOptions run;
  run.service.data_dir = args.data_dir;
  run.read_side.api_listen = args.api_listen;
  run.read_side.tokens = *tokens;
  run.metrics_listen = args.metrics_listen;

  std::unique_ptr<DemoUpstream> upstream;
  run.on_started = [&](consumers::Service& service, const ReadSide* rs,
                       const Metrics& metrics) -> Status {
    const Date today = TodayUtc();
    DemoUpstreamOptions up;
    up.journeys.children = args.children;
    up.journeys.seed = args.seed;
    up.journeys.to_year = static_cast<int>(std::chrono::year_month_day(today).year());
    up.journeys.from_year = up.journeys.to_year - args.years;
    up.journeys.last_date = today;
    up.journeys.source = "demo-upstream";
    up.days_per_second = args.days_per_second;
    up.kafka.brokers = service.bootstrap();
    std::printf("kafka bootstrap: %s\n", service.bootstrap().c_str());
    std::printf("generating %llu children's journeys %d-%s ...\n",
                static_cast<unsigned long long>(args.children), up.journeys.from_year,
                FormatIsoDate(today).c_str());
    std::fflush(stdout);
    auto started = DemoUpstream::Start(up);
    if (!started.ok()) return started.error();
    upstream = std::move(*started);
    std::printf(
        "\nCare Journey Ledger demo\n"
        "  dashboard: %s/#token=%s\n"
        "  JSON API:  %s/v1/trackers, /v1/scorecard, /v1/children/{id}, POST /v1/events\n"
        "  metrics:   %s\n"
        "  tokens:    %s (send 'Authorization: Bearer TOKEN')\n"
        "  upstream:  %llu events over %d years, published at %.0f days a second to "
        "care.ingest.v1\n"
        "Press Ctrl-C to stop.\n\n",
        rs->api_url().c_str(), tokens->read.c_str(), rs->api_url().c_str(), metrics.url().c_str(),
        tokens_file.c_str(), static_cast<unsigned long long>(upstream->total()), args.years,
        args.days_per_second);
    std::fflush(stdout);
    return Status::Ok();
  };
  int seconds = 0;
  bool announced = false;
  run.on_tick = [&](consumers::Service& service, const ReadSide* rs) {
    if (Status s = upstream->status(); !s.ok()) {
      spdlog::error("demo upstream: {}", s.error().ToString());
      return false;
    }
    const auto head = service.ledger()->Head();
    const auto& in = service.counters().ingest;
    const bool caught_up =
        upstream->finished() &&
        in.appended.load() + in.duplicates.load() + in.rejected.load() >= upstream->total() &&
        rs->view().position() >= head && service.counters().projector.lag.load() == 0;
    if (++seconds % 5 == 0 || (caught_up && !announced)) {
      std::printf("upstream clock %s: published %llu/%llu; ledger head %llu; projector lag %llu\n",
                  FormatIsoDate(upstream->clock()).c_str(),
                  static_cast<unsigned long long>(upstream->published()),
                  static_cast<unsigned long long>(upstream->total()),
                  static_cast<unsigned long long>(head.value()),
                  static_cast<unsigned long long>(service.counters().projector.lag.load()));
      std::fflush(stdout);
    }
    if (caught_up && !announced) {
      announced = true;
      std::printf("demo: caught up to today; the dashboard shows every child's tracker\n");
      std::fflush(stdout);
    }
    return !(caught_up && args.exit_when_done);
  };
  run.on_stopping = [&] { upstream.reset(); };
  return RunService(run);
}

}  // namespace

void AddDemoCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Serve on the embedded Kafka with a synthetic upstream publishing journeys");
  cmd->add_option("--data", args->data_dir, "Data directory")->capture_default_str();
  cmd->add_option("--children", args->children, "Children to generate")->capture_default_str();
  cmd->add_option("--seed", args->seed, "Generator seed")->capture_default_str();
  cmd->add_option("--years", args->years, "Years of history up to today")->capture_default_str();
  cmd->add_option("--days-per-second", args->days_per_second,
                  "Accelerated clock: simulated days published per second")
      ->capture_default_str();
  cmd->add_option("--listen", args->api_listen, "HTTP API and dashboard address")
      ->capture_default_str();
  cmd->add_option("--metrics-listen", args->metrics_listen, "Prometheus /metrics address")
      ->capture_default_str();
  cmd->add_flag("--exit-when-done", args->exit_when_done,
                "Stop once the upstream reached today and the projections caught up");
  cmd->callback([args, exit_code] { *exit_code = RunDemo(*args); });
}

}  // namespace cjl::ops
