// `cjl report scorecard|trackers|child`: the figures of METRICS.md as at a date, from the
// ledger, as a table for people, CSV or JSON.
#include <iostream>
#include <optional>

#include "ops/command.h"
#include "ops/command_support.h"
#include "ops/state_loader.h"
#include "projections/child_report.h"
#include "projections/scorecard.h"
#include "projections/tracker.h"

namespace cjl::ops {
namespace {

struct ReportArgs {
  std::string ledger;
  std::string as_at;
  std::string profile = "dfe";
  std::string format = "table";
  std::string child;
  bool alerts_only = false;
  int due_soon_days = 14;
  std::optional<long> population_0_17;  // the authority's 0-17 population (CLA rate)
};

int Fail(const std::string& message) { return CommandFailed("report", message); }

// Opens the ledger read-only and folds it; nullopt after printing the error.
std::optional<projections::AuthorityState> Load(const ReportArgs& args, int* exit_code) {
  auto ledger = OpenLedgerOrFail("report", args.ledger, /*read_only=*/true, exit_code);
  if (!ledger) return std::nullopt;
  auto state = LoadAuthorityState(*ledger);
  if (!state.ok()) {
    *exit_code = Fail(state.error().ToString());
    return std::nullopt;
  }
  return std::move(*state);
}

std::optional<Date> AsAt(const ReportArgs& args, int* exit_code) {
  if (args.as_at.empty()) return TodayUtc();
  auto d = ParseIsoDate(args.as_at);
  if (!d) *exit_code = Fail("--as-at: malformed date \"" + args.as_at + "\" (expected YYYY-MM-DD)");
  return d;
}

void AddCommonOptions(CLI::App* cmd, ReportArgs& args, bool with_format) {
  cmd->add_option("--ledger", args.ledger, "Ledger directory")->required();
  cmd->add_option("--as-at", args.as_at, "Evaluate as at this date, YYYY-MM-DD (default: today)");
  cmd->add_option("--profile", args.profile, "Counting profile: dfe or count-same-carer")
      ->check(CLI::IsMember({"dfe", "count-same-carer"}))
      ->capture_default_str();
  if (with_format) {
    cmd->add_option("--format", args.format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();
  }
  cmd->add_option("--due-soon-days", args.due_soon_days,
                  "A milestone is due soon within this many days")
      ->capture_default_str();
}

void RunScorecard(const ReportArgs& args, int* exit_code) {
  auto as_at = AsAt(args, exit_code);
  if (!as_at) return;
  auto state = Load(args, exit_code);
  if (!state) return;
  auto profile = *projections::ProfileFromName(args.profile);
  projections::ScorecardSettings settings;
  settings.population_0_17 = args.population_0_17;
  auto card = projections::ComputeScorecard(*state, *as_at, profile, settings);
  if (args.format == "json") {
    std::cout << projections::ScorecardToJson(card).dump(2) << std::endl;
  } else if (args.format == "csv") {
    std::cout << projections::ScorecardToCsv(card);
  } else {
    std::cout << projections::ScorecardToTable(card);
  }
}

void RunTrackers(const ReportArgs& args, int* exit_code) {
  auto as_at = AsAt(args, exit_code);
  if (!as_at) return;
  auto state = Load(args, exit_code);
  if (!state) return;
  projections::TrackerSettings settings;
  settings.due_soon_days = args.due_soon_days;
  auto rows = projections::ComputeTrackers(*state, *as_at, settings,
                                           *projections::ProfileFromName(args.profile));
  if (args.alerts_only) {
    std::erase_if(rows, [](const projections::TrackerRow& r) { return r.alerts.empty(); });
  }
  if (args.format == "json") {
    std::cout << projections::TrackersToJson(*as_at, rows).dump(2) << std::endl;
  } else if (args.format == "csv") {
    std::cout << projections::TrackersToCsv(*as_at, rows);
  } else {
    std::cout << projections::TrackersToTable(*as_at, rows);
  }
}

void RunChild(const ReportArgs& args, int* exit_code) {
  auto as_at = AsAt(args, exit_code);
  if (!as_at) return;
  auto state = Load(args, exit_code);
  if (!state) return;
  const projections::ChildFacts* facts = state->Find(args.child);
  if (!facts) {
    *exit_code = Fail("no events for child " + args.child);
    return;
  }
  projections::TrackerSettings settings;
  settings.due_soon_days = args.due_soon_days;
  auto profile = *projections::ProfileFromName(args.profile);
  if (args.format == "json") {
    std::cout << projections::ChildReportJson(*facts, *as_at, settings, profile).dump(2)
              << std::endl;
  } else {
    std::cout << projections::ChildReportText(*facts, *as_at, settings, profile);
  }
}

}  // namespace

void AddReportCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* report = app.add_subcommand("report", "Scorecard, trackers or one child, as at a date");
  report->require_subcommand(1);

  CLI::App* scorecard = report->add_subcommand("scorecard", "The corporate parenting scorecard");
  AddCommonOptions(scorecard, *args, true);
  scorecard
      ->add_option("--population-0-17", args->population_0_17,
                   "The authority's population aged 0-17, for the CLA rate per 10,000")
      ->check(CLI::PositiveNumber);
  scorecard->callback([args, exit_code] { RunScorecard(*args, exit_code); });

  CLI::App* trackers = report->add_subcommand("trackers", "Permanence trackers, most urgent first");
  AddCommonOptions(trackers, *args, true);
  trackers->add_flag("--alerts-only", args->alerts_only, "Only children with an alert");
  trackers->callback([args, exit_code] { RunTrackers(*args, exit_code); });

  CLI::App* child = report->add_subcommand("child", "One child's journey and tracker");
  AddCommonOptions(child, *args, false);
  child->add_option("--child", args->child, "The child's id")->required();
  child->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  child->callback([args, exit_code] { RunChild(*args, exit_code); });
}

}  // namespace cjl::ops
