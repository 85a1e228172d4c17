// `cjl append`, `cjl read` and `cjl verify`: the ledger's own commands.
#include <fstream>
#include <iostream>

#include "events/event_json.h"
#include "ledger/ledger.h"
#include "ops/command.h"
#include "ops/command_support.h"
#include "ops/json_lines_append.h"
#include "ops/progress.h"

namespace cjl::ops {
namespace {

int Fail(const std::string& what, const Error& error) {
  return CommandFailed(what, error.ToString());
}

}  // namespace

void AddAppendCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::string ledger, rejects, input = "-";
    bool progress = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("append", "Append events from JSON Lines (a file or stdin)");
  cmd->add_option("--ledger", args->ledger, "Ledger directory (created if missing)")->required();
  cmd->add_option("--rejects", args->rejects,
                  "File for rejected lines, one JSON object each (default: stderr)");
  cmd->add_option("input", args->input, "JSON Lines file, or - for stdin")->capture_default_str();
  cmd->add_flag("--progress", args->progress, "Show progress even when stderr is not a terminal");
  cmd->callback([args, exit_code] {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (args->input != "-") {
      file.open(args->input);
      if (!file) {
        std::cerr << "cjl append: cannot read " << args->input << std::endl;
        *exit_code = 2;
        return;
      }
      in = &file;
    }
    std::ofstream rejects_file;
    std::ostream* rejects = &std::cerr;
    if (!args->rejects.empty()) {
      rejects_file.open(args->rejects, std::ios::app);
      if (!rejects_file) {
        std::cerr << "cjl append: cannot write " << args->rejects << std::endl;
        *exit_code = 2;
        return;
      }
      rejects = &rejects_file;
    }
    auto ledger = OpenLedgerOrFail("append", args->ledger, false, exit_code);
    if (!ledger) return;
    auto counts = AppendJsonLines(*in, *ledger, *rejects, args->progress);
    if (!counts.ok()) {
      *exit_code = Fail("append", counts.error());
      return;
    }
    std::cout << "appended " << counts->appended << ", duplicates " << counts->duplicates
              << ", rejected " << counts->rejected << std::endl;
    *exit_code = counts->rejected == 0 ? 0 : 1;
  });
}

void AddReadCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::string ledger, child;
    std::uint64_t from = 1, limit = UINT64_MAX;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("read", "Print events as JSON Lines with the ledger's fields");
  cmd->add_option("--ledger", args->ledger, "Ledger directory")->required();
  cmd->add_option("--child", args->child, "Only this child's stream");
  cmd->add_option("--from", args->from, "First ledger position")->capture_default_str();
  cmd->add_option("--limit", args->limit, "At most this many events");
  cmd->callback([args, exit_code] {
    auto ledger = OpenLedgerOrFail("read", args->ledger, true, exit_code);
    if (!ledger) return;
    std::uint64_t printed = 0;
    auto print = [&](const events::RecordedEvent& r) {
      if (printed >= args->limit) return false;
      if (r.position.value() < args->from) return true;
      std::cout << events::RecordedEventToJson(r).dump() << '\n';
      ++printed;
      return true;
    };
    if (!args->child.empty()) {
      auto stream = ledger->ReadStream(args->child, StreamVersion(1));
      if (!stream.ok()) {
        *exit_code = Fail("read", stream.error());
        return;
      }
      for (const auto& r : *stream) {
        if (!print(r)) break;
      }
    } else if (Status s = ledger->Scan(LedgerPosition(args->from), args->limit, print); !s.ok()) {
      *exit_code = Fail("read", s.error());
      return;
    }
    std::cout.flush();
  });
}

void AddVerifyCommand(CLI::App& app, int* exit_code) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("verify", "Walk the hash chain and report the first break");
  cmd->add_option("--ledger", *dir, "Ledger directory")->required();
  cmd->callback([dir, exit_code] {
    ledger::LedgerOptions options;
    options.path = *dir;
    options.read_only = true;
    // The walk checks the head itself and names the position of a damaged record, even
    // the last one, which the open's own check would only report as an open failure.
    options.check_head_on_open = false;
    auto ledger = OpenLedgerOrFail("verify", options, exit_code);
    if (!ledger) return;
    Progress progress("verify", ledger->Head().value());
    auto report = ledger->Verify([&](std::uint64_t done, std::uint64_t) { progress.Update(done); });
    progress.Finish();
    if (report.broken) {
      std::cout << "broken: position " << report.broken->value() << ": " << report.problem
                << std::endl;
      *exit_code = 1;
      return;
    }
    std::cout << "ok: " << report.events << " events, head " << events::HexOf(report.head)
              << std::endl;
  });
}

}  // namespace cjl::ops
