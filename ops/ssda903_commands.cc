// `cjl import-903` and `cjl export-903`: the CLI glue over ops/ssda903.
#include <fstream>
#include <iostream>
#include <memory>

#include "ledger/ledger.h"
#include "ops/command.h"
#include "ops/command_support.h"
#include "ops/progress.h"
#include "ops/ssda903/export_903.h"
#include "ops/ssda903/import_903.h"

namespace cjl::ops {

void AddImport903Command(CLI::App& app, int* exit_code) {
  struct Args {
    std::string ledger, dir, rejects, source = "ssda903";
    bool progress = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("import-903",
                         "Import SSDA903 CSV files (header, episodes, ad1, placed_for_adoption, "
                         "reviews, missing) into the ledger");
  cmd->add_option("--ledger", args->ledger, "Ledger directory (created if missing)")->required();
  cmd->add_option("--dir", args->dir, "Directory of 903 CSV files (or one subdirectory per year)")
      ->required();
  cmd->add_option("--rejects", args->rejects,
                  "File for rows that cannot be imported, one JSON object each (default: stderr)");
  cmd->add_option("--source", args->source, "The events' source")->capture_default_str();
  cmd->add_flag("--progress", args->progress, "Show progress even when stderr is not a terminal");
  cmd->callback([args, exit_code] {
    std::ofstream rejects_file;
    std::ostream* rejects = &std::cerr;
    if (!args->rejects.empty()) {
      rejects_file.open(args->rejects, std::ios::trunc);
      if (!rejects_file) {
        std::cerr << "cjl import-903: cannot write " << args->rejects << std::endl;
        *exit_code = 2;
        return;
      }
      rejects = &rejects_file;
    }
    auto ledger = OpenLedgerOrFail("import-903", args->ledger, /*read_only=*/false, exit_code);
    if (!ledger) return;
    Progress progress("import-903", 0, args->progress);
    ssda903::ImportOptions import;
    import.dir = args->dir;
    import.source = args->source;
    import.progress = [&](std::uint64_t done, std::uint64_t total) {
      progress.Update(done, "of " + std::to_string(total) + " children");
    };
    auto summary = ssda903::Import903(import, *ledger, *rejects);
    progress.Finish();
    if (!summary.ok()) {
    std::cerr << "cjl import-903: " << summary.error().ToString() << std::endl;
    *exit_code = 2;
    return;
    }
    std::cout << summary->ToString() << std::endl;
    *exit_code = summary->rejects == 0 ? 0 : 1;
});
}

void AddExport903Command(CLI::App& app, int* exit_code) {
  struct Args {
    std::string ledger, out;
    int year = 0;
    bool progress = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "export-903", "Write a collection year's SSDA903 CSV files, derived from the events");
  cmd->add_option("--ledger", args->ledger, "Ledger directory")->required();
  cmd->add_option("--year", args->year, "Collection year YYYY (1 April YYYY-1 to 31 March YYYY)")
      ->required()
      ->check(CLI::Range(1990, 2100));
  cmd->add_option("--out", args->out, "Output directory (created if missing)")->required();
  cmd->add_flag("--progress", args->progress, "Show progress even when stderr is not a terminal");
  cmd->callback([args, exit_code] {
    auto ledger = OpenLedgerOrFail("export-903", args->ledger, /*read_only=*/true, exit_code);
    if (!ledger) return;
    Progress progress("export-903", 0, args->progress);
    ssda903::ExportOptions exp;
    exp.year = args->year;
    exp.out = args->out;
    exp.progress = [&](std::uint64_t done, std::uint64_t total) {
      progress.Update(done, "of " + std::to_string(total) + " children");
    };
    auto counts = ssda903::Export903(exp, *ledger);
    progress.Finish();
    if (!counts.ok()) {
      std::cerr << "cjl export-903: " << counts.error().ToString() << std::endl;
      *exit_code = 2;
      return;
    }
    std::cout << "wrote " << args->out << ": " << counts->children << " children, "
              << counts->episodes << " episodes, " << counts->ad1 << " AD1, "
              << counts->placed_for_adoption << " placed for adoption, " << counts->reviews
              << " reviews, " << counts->missing << " missing" << std::endl;
  });
}

}  // namespace cjl::ops
