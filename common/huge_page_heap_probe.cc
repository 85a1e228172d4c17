// Tests only: reports what ReexecWithHugePageHeap left this process, for
// huge_page_heap_test. Prints "tunables=<GLIBC_TUNABLES or ->" and "name=<comm>".
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "common/huge_page_heap.h"

int main(int, char** argv) {
  cjl::ReexecWithHugePageHeap(argv);
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  std::ifstream comm("/proc/self/comm");
  std::string name;
  std::getline(comm, name);
  std::printf("tunables=%s\nname=%s\n", tunables != nullptr ? tunables : "-", name.c_str());
  return 0;
}
