// Bounded spin-waits, for a thread that expects another to finish within microseconds:
// waking a sleeping thread costs 25-40 µs on these VMs. Owned by common/. Header-only.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
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

// Returns once `done(word)` holds for the word's value: spins for up to `spin` (the value
// usually changes within it), then sleeps on the word (std::atomic wait), woken by the
// writer's notify. Acquire: what the writer did before its release store is visible.
template <typename Done>
void SpinThenWait(const std::atomic<std::uint32_t>& word, Done done,
                  std::chrono::microseconds spin) {
  if (SpinUntil([&] { return done(word.load(std::memory_order_acquire)); }, spin)) return;
  for (std::uint32_t seen = word.load(std::memory_order_acquire); !done(seen);
       seen = word.load(std::memory_order_acquire)) {
    word.wait(seen, std::memory_order_acquire);
  }
}

}  // namespace cjl
