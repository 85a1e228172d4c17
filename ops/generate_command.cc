// `cjl generate`: synthetic journeys as JSON Lines events or as 903 CSV files.
#include <fstream>
#include <iostream>
#include <memory>

#include "events/event_json.h"
#include "ops/command.h"
#include "ops/generator/generator.h"
#include "ops/progress.h"
#include "ops/ssda903/export_903.h"
#include "projections/child_facts.h"

namespace cjl::ops {
namespace {

// Writes each child's events as 903 rows once the child is complete (the generator emits
// children one after another).
class Return903Sink {
 public:
  Return903Sink(ssda903::ReturnWriter& writer, ssda903::Window window)
      : writer_(writer), window_(window) {}
  void Add(const events::Event& e) {
    if (e.child_id != facts_.child_id) Flush();
    facts_.child_id = e.child_id;
    events::RecordedEvent r;
    r.event = e;
    r.position = LedgerPosition(++position_);
    projections::ApplyEvent(facts_, r);
  }
  void Flush() {
    if (!facts_.child_id.empty()) writer_.AddChild(facts_, window_);
    facts_ = projections::ChildFacts{};
  }

 private:
  ssda903::ReturnWriter& writer_;
  ssda903::Window window_;
  projections::ChildFacts facts_;
  std::uint64_t position_ = 0;
};

}  // namespace

void AddGenerateCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::uint64_t children = 1000, seed = 1;
    int from = 2015, to = 2024;
    std::string format = "events", out, prefix = "G", source = "generator";
    bool progress = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Write synthetic, calibrated journeys (events as JSON Lines, or 903 CSV files)");
  cmd->add_option("--children", args->children, "Number of children")->capture_default_str();
  cmd->add_option("--from", args->from, "First year of the journeys")->capture_default_str();
  cmd->add_option("--to", args->to, "Last year of the journeys (nothing after today)")
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "Random seed (same seed, same journeys)")
      ->capture_default_str();
  cmd->add_option("--format", args->format, "events (JSON Lines) or 903 (a directory of CSVs)")
      ->check(CLI::IsMember({"events", "903"}))
      ->capture_default_str();
  cmd->add_option("--out", args->out, "Output file (events; - for stdout) or directory (903)")
      ->required();
  cmd->add_option("--prefix", args->prefix, "Child id prefix")->capture_default_str();
  cmd->add_option("--source", args->source, "The events' source")->capture_default_str();
  cmd->add_flag("--progress", args->progress, "Show progress even when stderr is not a terminal");
  cmd->callback([args, exit_code] {
    if (args->from > args->to) {
      std::cerr << "cjl generate: --from is after --to" << std::endl;
      *exit_code = 2;
      return;
    }
    generator::GeneratorOptions options;
    options.children = args->children;
    options.from_year = args->from;
    options.to_year = args->to;
    options.seed = args->seed;
    options.last_date = TodayUtc();
    options.child_prefix = args->prefix;
    options.source = args->source;
    Progress progress("generate", args->children, args->progress);
    auto child_done = [&](std::uint64_t done) { progress.Update(done); };
    std::uint64_t events_written = 0;
    if (args->format == "events") {
      std::ofstream file;
      std::ostream* out = &std::cout;
      if (args->out != "-") {
        file.open(args->out, std::ios::trunc);
        if (!file) {
          std::cerr << "cjl generate: cannot write " << args->out << std::endl;
          *exit_code = 2;
          return;
        }
        out = &file;
      }
      std::string line;
      generator::GenerateJourneys(
          options,
          [&](const events::Event& e) {
            line = events::EventToJson(e).dump();
            line.push_back('\n');
            out->write(line.data(), static_cast<std::streamsize>(line.size()));
            ++events_written;
          },
          child_done);
      out->flush();
      if (!*out) {
        std::cerr << "cjl generate: write failed: " << args->out << std::endl;
        *exit_code = 2;
        return;
      }
    } else {
      ssda903::ReturnWriter writer;
      if (Status s = writer.Open(args->out); !s.ok()) {
        std::cerr << "cjl generate: " << s.error().ToString() << std::endl;
        *exit_code = 2;
        return;
      }
      Return903Sink sink(writer, {generator::FirstDay(options), generator::LastDay(options)});
      generator::GenerateJourneys(
          options,
          [&](const events::Event& e) {
            sink.Add(e);
            ++events_written;
          },
          child_done);
      sink.Flush();
      if (Status s = writer.Close(); !s.ok()) {
        std::cerr << "cjl generate: " << s.error().ToString() << std::endl;
        *exit_code = 2;
        return;
      }
    }
    progress.Finish();
    std::cerr << "generated " << args->children << " children, " << events_written << " events"
              << std::endl;
  });
}

}  // namespace cjl::ops
