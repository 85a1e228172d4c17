// What every `cjl` command does the same way: open the ledger and report a failure as
// "cjl <command>: <error>" with exit code 2. Not thread-safe (command startup).
#pragma once

#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include "ledger/ledger.h"

namespace cjl::ops {

// Exit code of a command that could not do its work (1 is kept for "done, with rejects").
inline constexpr int kExitFailure = 2;

inline int CommandFailed(std::string_view command, const std::string& message) {
  std::cerr << "cjl " << command << ": " << message << std::endl;
  return kExitFailure;
}

// nullptr after printing the error and setting *exit_code.
inline std::unique_ptr<ledger::Ledger> OpenLedgerOrFail(std::string_view command,
                                                        const ledger::LedgerOptions& options,
                                                        int* exit_code) {
  auto ledger = ledger::Ledger::Open(options);
  if (!ledger.ok()) {
    *exit_code = CommandFailed(command, ledger.error().ToString());
    return nullptr;
  }
  return std::move(*ledger);
}

inline std::unique_ptr<ledger::Ledger> OpenLedgerOrFail(std::string_view command,
                                                        const std::string& dir, bool read_only,
                                                        int* exit_code) {
  ledger::LedgerOptions options;
  options.path = dir;
  options.read_only = read_only;
  return OpenLedgerOrFail(command, options, exit_code);
}

}  // namespace cjl::ops
