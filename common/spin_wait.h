// Bounded spin-waits, for a thread that expects another to finish within microseconds:
// waking a sleeping thread costs 25-40 µs on these VMs. Owned by common/. Header-only.
#pragma once

#include <chrono>
#include <thread>

namespace cjl {

// One step of a spin-wait: tells the core that it spins, so that it spends less power
// and leaves more to the other hardware thread of the core, if any.
inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// Spins until `done()` holds or `limit` has passed; returns whether `done()` held. Yields
// the core between checks: on two cores a spinning thread must not keep the thread it
// waits for, or RocksDB's flush, from running (the ledger's group commit at 128 events,
// ledger_bench's paired runs, whose appends share the cores with flushes: 0.78-0.85 of
// raw RocksDB when its spins only paused, 0.86-0.88 when they yield).
template <typename Done>
bool SpinUntil(Done done, std::chrono::microseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    for (int i = 0; i < 32; ++i) CpuRelax();
    std::this_thread::yield();
  }
  return true;
}

}  // namespace cjl
