// ReexecWithHugePageHeap, through a probe program that calls it and reports its
// environment and name after.
#include "common/huge_page_heap.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

namespace cjl {
namespace {

std::string RunProbe(const std::string& env) {
  const std::string command = "env -u GLIBC_TUNABLES -u CJL_HUGE_PAGES " + env + " " +
                              std::string(CJL_HUGE_PAGE_PROBE) + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 256> chunk{};
  while (pipe && fgets(chunk.data(), chunk.size(), pipe.get()) != nullptr) out += chunk.data();
  return out;
}

TEST(HugePageHeap, AddsTheTunableAndKeepsTheProgramsName) {
  const std::string out = RunProbe("");
  if (KernelGivesHugePagesOnRequest()) {
    EXPECT_EQ(out, "tunables=glibc.malloc.hugetlb=1\nname=huge_page_heap\n");
  } else {
    EXPECT_EQ(out, "tunables=-\nname=huge_page_heap\n") << "this kernel: no exec";
  }
}

TEST(HugePageHeap, KeepsOtherTunables) {
  const std::string out = RunProbe("GLIBC_TUNABLES=glibc.malloc.arena_max=2");
  if (!KernelGivesHugePagesOnRequest()) GTEST_SKIP() << "this kernel: no exec";
  EXPECT_EQ(out, "tunables=glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1\nname=huge_page_heap\n");
}

TEST(HugePageHeap, LeavesAChoiceAlreadyMadeAlone) {
  EXPECT_EQ(RunProbe("GLIBC_TUNABLES=glibc.malloc.hugetlb=0"),
            "tunables=glibc.malloc.hugetlb=0\nname=huge_page_heap\n");
  EXPECT_EQ(RunProbe("CJL_HUGE_PAGES=0"), "tunables=-\nname=huge_page_heap\n");
}

}  // namespace
}  // namespace cjl
