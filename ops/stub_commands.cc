// Placeholder registrations, replaced as the commands land.
#include "ops/command.h"
namespace cjl::ops {
void AddRebuildCommand(CLI::App&, int*) {}
void AddServeCommand(CLI::App&, int*) {}
void AddDemoCommand(CLI::App&, int*) {}
}  // namespace cjl::ops
