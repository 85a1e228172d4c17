// `cjl rebuild --ledger DIR [--store DIR]`: replays the ledger into a fresh projection
// store and puts it in place, with a progress bar. The streamed and the rebuilt state are
// byte-identical per child (consumers/ledger_catch_up.h).
#include <filesystem>
#include <iostream>

#include "consumers/ledger_catch_up.h"
#include "ledger/ledger.h"
#include "ops/command.h"
#include "ops/command_support.h"
#include "ops/progress.h"
#include "projections/child_facts.h"

namespace cjl::ops {

// The store beside a ledger in `cjl serve`'s layout: DATA/ledger -> DATA/projections;
// any other ledger directory L -> L.projections.
std::string DefaultStoreDir(const std::string& ledger_dir) {
  std::filesystem::path p = std::filesystem::path(ledger_dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  if (p.filename() == "ledger") return (p.parent_path() / "projections").string();
  return p.string() + ".projections";
}

void AddRebuildCommand(CLI::App& app, int* exit_code) {
  struct Args {
    std::string ledger, store;
    bool progress = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("rebuild", "Rebuild the projection store from the ledger");
  cmd->add_option("--ledger", args->ledger, "Ledger directory")->required();
  cmd->add_option("--store", args->store,
                  "Projection store directory (default: DATA/projections beside DATA/ledger, "
                  "else LEDGER.projections)");
  cmd->add_flag("--progress", args->progress, "Show progress even when stderr is not a terminal");
  cmd->callback([args, exit_code] {
    auto ledger = OpenLedgerOrFail("rebuild", args->ledger, /*read_only=*/true, exit_code);
    if (!ledger) return;
    const std::string store = args->store.empty() ? DefaultStoreDir(args->ledger) : args->store;
    const std::uint64_t total = ledger->Head().value();
    Progress progress("rebuild", total, args->progress);
    auto started = std::chrono::steady_clock::now();
    // Never freed: the process ends right after, and the kernel takes the pages back at
    // once where free() would walk every fact. Held by a static, so leak checkers see it
    // as reachable.
    static auto* const folded = new projections::AuthorityState;
    Status s = consumers::RebuildProjectionStore(
        *ledger, store, [&](std::uint64_t done, std::uint64_t) { progress.Update(done); }, folded);
    progress.Finish();
    if (!s.ok()) {
      std::cerr << "cjl rebuild: " << s.error().ToString() << std::endl;
      *exit_code = 2;
      return;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "rebuilt " << store << ": " << total << " events in " << secs << " s" << std::endl;
  });
}

}  // namespace cjl::ops
