// cjl: the one binary of the Care Journey Ledger. Each subcommand lives in its own
// *_command.cc (ops/command.h); this file only assembles them.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <string_view>

#include "common/huge_page_heap.h"
#include "ops/command.h"

namespace {

// True for the commands that fold the whole ledger into memory and exit: they ask for
// huge pages (common/huge_page_heap.h). The server does not: its tail latency matters
// more than its start, and a huge-page fault can stall on compaction (the streaming
// bench's p99 went from 30-51 ms to 34-139 ms with them).
bool FoldsTheWholeLedger(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with('-')) continue;
    return arg == "rebuild" || arg == "report";
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (FoldsTheWholeLedger(argc, argv)) cjl::ReexecWithHugePageHeap(argv);
  CLI::App app{"cjl: the Care Journey Ledger", "cjl"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "cjl 0.1.0");
  int exit_code = 0;
  cjl::ops::AddAppendCommand(app, &exit_code);
  cjl::ops::AddReadCommand(app, &exit_code);
  cjl::ops::AddVerifyCommand(app, &exit_code);
  cjl::ops::AddReportCommand(app, &exit_code);
  cjl::ops::AddRebuildCommand(app, &exit_code);
  cjl::ops::AddServeCommand(app, &exit_code);
  cjl::ops::AddDemoCommand(app, &exit_code);
  cjl::ops::AddImport903Command(app, &exit_code);
  cjl::ops::AddExport903Command(app, &exit_code);
  cjl::ops::AddGenerateCommand(app, &exit_code);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
