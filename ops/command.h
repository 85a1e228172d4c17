// How each `cjl` subcommand plugs into the one binary: a file per command defines
// Add<Name>Command, which adds a CLI11 subcommand whose callback runs the command and
// stores its exit code in `*exit_code`. Owned by ops/. Not thread-safe (startup only).
#pragma once

#include <CLI/CLI.hpp>

namespace cjl::ops {

void AddAppendCommand(CLI::App& app, int* exit_code);
void AddReadCommand(CLI::App& app, int* exit_code);
void AddVerifyCommand(CLI::App& app, int* exit_code);
void AddReportCommand(CLI::App& app, int* exit_code);
void AddRebuildCommand(CLI::App& app, int* exit_code);
void AddServeCommand(CLI::App& app, int* exit_code);  // ops/serve_command.cc
void AddDemoCommand(CLI::App& app, int* exit_code);
void AddImport903Command(CLI::App& app, int* exit_code);  // ops/ssda903_commands.cc
void AddExport903Command(CLI::App& app, int* exit_code);  // ops/ssda903_commands.cc
void AddGenerateCommand(CLI::App& app, int* exit_code);   // ops/generate_command.cc

}  // namespace cjl::ops
