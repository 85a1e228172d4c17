// What the streaming components share: a stop signal that wakes waiting threads, and a
// place for the error that stopped a component. Owned by consumers/. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

#include "common/result.h"

namespace cjl::consumers {

class StopSignal {
 public:
  void Request() {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    cv_.notify_all();
  }
  bool requested() const {
    std::lock_guard<std::mutex> lock(mu_);
    return stop_;
  }
  // A retry backoff that ends early on stop. Returns true when stop was requested.
  bool WaitFor(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, d, [&] { return stop_; });
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;  // GUARDED_BY(mu_)
};

// The first fatal error of a component (it stops its loop after recording one).
class FatalError {
 public:
  void Set(Error e) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!error_) error_ = std::move(e);
  }
  Status Get() const {
    std::lock_guard<std::mutex> lock(mu_);
    if (error_) return *error_;
    return Status::Ok();
  }

 private:
  mutable std::mutex mu_;
  std::optional<Error> error_;  // GUARDED_BY(mu_)
};

}  // namespace cjl::consumers
