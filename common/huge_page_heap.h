// Transparent huge pages for the heap. Owned by common/.
//
// Folding a ledger (`cjl rebuild`, `cjl report`) touches its whole size in fresh heap; with 4 KiB
// pages the first-touch page faults were 40% of a `cjl rebuild` of 400,000 events (0.97 s; 0.50 s
// with huge pages). glibc's malloc asks the kernel for huge pages (madvise) only when the tunable
// glibc.malloc.hugetlb=1 is in the environment at process start, and has no call to turn it on
// later; so a process re-executes itself once with the tunable added. Written by hand: no library
// does this.
#pragma once

namespace cjl {

// Re-executes this program (same pid, same arguments) with glibc.malloc.hugetlb=1 added
// to GLIBC_TUNABLES, when the kernel gives huge pages on request only ("[madvise]") and
// the tunable is not set yet. Returns without doing anything otherwise: when
// CJL_HUGE_PAGES=0, when GLIBC_TUNABLES already names the tunable (as the re-executed
// process finds it), when the kernel gives them always or never, or when the exec fails.
// Call first thing in main(), before any thread starts.
void ReexecWithHugePageHeap(char** argv);

// True when the kernel gives transparent huge pages to the regions a process asks for
// (madvise) and not to the others: the only case in which the re-execution happens.
bool KernelGivesHugePagesOnRequest();

}  // namespace cjl
