#include "common/huge_page_heap.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace cjl {

namespace {

constexpr std::string_view kTunable = "glibc.malloc.hugetlb";

}  // namespace

bool KernelGivesHugePagesOnRequest() {
  std::ifstream setting("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(setting, modes);
  return modes.find("[madvise]") != std::string::npos;
}

void ReexecWithHugePageHeap(char** argv) {
  if (const char* opt = std::getenv("CJL_HUGE_PAGES"); opt != nullptr && std::string(opt) == "0")
    return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  std::string wanted = tunables != nullptr ? tunables : "";
  if (wanted.find(kTunable) != std::string::npos) return;
  if (!KernelGivesHugePagesOnRequest()) return;
  wanted += (wanted.empty() ? "" : ":") + std::string(kTunable) + "=1";
  // The program's own path, not /proc/self/exe: the kernel names the process after the
  // file it executes, and ps, top and pgrep should still say cjl.
  std::error_code ec;
  const std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  if (ec || self.empty()) return;
  if (setenv("GLIBC_TUNABLES", wanted.c_str(), 1) != 0) return;
  execv(self.c_str(), argv);
  // Still here: the exec failed. Run on with ordinary pages.
  if (tunables != nullptr) {
    setenv("GLIBC_TUNABLES", tunables, 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
}

}  // namespace cjl
