// cjl: the one binary of the Care Journey Ledger. Each subcommand lives in its own
// *_command.cc (ops/command.h); this file only assembles them.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "common/huge_page_heap.h"
#include "ops/command.h"

int main(int argc, char** argv) {
  cjl::ReexecWithHugePageHeap(argv);
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
