// A thread that runs one job at a time for a caller who then waits for it, and that can
// be woken ahead of the job (Arm) so that handing it over (Run) costs no wake-up: waking
// a sleeping thread costs 25-40 µs on these VMs, as long as judging 20 events. Owned by
// common/. Written by hand: the standard library and the project's libraries have no
// thread that spins between a wake-up and its job.
//
// Use: Arm() early; do other work; Run(job); ...; Wait(). Between Arm() and Run() the
// thread spins, for at most `armed_spin`, then sleeps again (Run() then wakes it).
//
// Thread-safe for one owner at a time (a caller that hands the thread over to another
// must synchronise with it, e.g. by a mutex). Invariants: at most one job runs at a time;
// everything the job wrote is visible to the owner once Wait() returns; the destructor
// must not be called while a job runs (Wait() first).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <thread>

namespace cjl {

class StandbyThread {
 public:
  // `name` (at most 15 characters) is the thread's name for top -H and perf.
  StandbyThread(const char* name, std::chrono::microseconds armed_spin);
  ~StandbyThread();
  StandbyThread(const StandbyThread&) = delete;
  StandbyThread& operator=(const StandbyThread&) = delete;

  // Wakes the thread if it sleeps; a no-op while it is armed (the spin's limit counts
  // from the first Arm()) or running a job.
  void Arm();
  // Hands the thread a job (armed or not); Wait() before the next Run(). The job must
  // not throw (catch inside it and hand the exception over).
  void Run(std::function<void()> job);
  // Returns once the job handed by the last Run() has returned (at once without a job).
  void Wait();

 private:
  enum Command : std::uint32_t { kIdle, kArmed, kRun, kStop };
  void Loop();

  const std::chrono::microseconds armed_spin_;
  std::function<void()> job_;  // written by Run before kRun, read by the thread after it
  std::atomic<std::uint32_t> command_{kIdle};
  std::atomic<std::uint32_t> job_done_{1};  // 0 while a job runs (a futex word)
  std::thread thread_;
};

}  // namespace cjl
