#include "common/standby_thread.h"

#include <pthread.h>

#include <utility>

#include "common/spin_wait.h"

namespace cjl {
namespace {

// Wait() is called when the job is about to return (its last result was seen), or to
// unwind: a short spin, then sleep.
constexpr std::chrono::microseconds kWaitSpin{200};

}  // namespace

StandbyThread::StandbyThread(const char* name, std::chrono::microseconds armed_spin)
    : armed_spin_(armed_spin), thread_([this] { Loop(); }) {
  pthread_setname_np(thread_.native_handle(), name);
}

StandbyThread::~StandbyThread() {
  command_.store(kStop, std::memory_order_release);
  command_.notify_one();
  thread_.join();
}

void StandbyThread::Arm() {
  std::uint32_t idle = kIdle;
  if (command_.compare_exchange_strong(idle, kArmed, std::memory_order_acq_rel)) {
    command_.notify_one();
  }
}

void StandbyThread::Run(std::function<void()> job) {
  job_ = std::move(job);
  job_done_.store(0, std::memory_order_relaxed);
  // Whether armed (spinning), falling back to sleep, or asleep, the thread sees kRun: a
  // spin that times out only turns kArmed back into kIdle, never kRun.
  command_.store(kRun, std::memory_order_release);
  command_.notify_one();
}

void StandbyThread::Wait() {
  SpinThenWait(
      job_done_, [](std::uint32_t done) { return done != 0; }, kWaitSpin);
}

void StandbyThread::Loop() {
  for (;;) {
    command_.wait(kIdle, std::memory_order_acquire);
    const std::uint32_t command = command_.load(std::memory_order_acquire);
    if (command == kStop) return;
    if (command == kArmed) {
      const bool handed = SpinUntil(
          [&] { return command_.load(std::memory_order_acquire) != kArmed; }, armed_spin_);
      if (!handed) {
        std::uint32_t armed = kArmed;  // a Run() or the destructor may come meanwhile
        command_.compare_exchange_strong(armed, kIdle, std::memory_order_acq_rel);
      }
      continue;
    }
    if (command != kRun) continue;
    job_();
    job_ = nullptr;
    // Idle before done: the owner's next Arm() (after Wait()) must find kIdle. A kStop
    // (which the owner may only send after Wait()) is never overwritten.
    std::uint32_t running = kRun;
    command_.compare_exchange_strong(running, kIdle, std::memory_order_acq_rel);
    job_done_.store(1, std::memory_order_release);
    job_done_.notify_one();
  }
}

}  // namespace cjl
