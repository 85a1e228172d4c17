// A bounded single-producer, single-consumer hand-off of work items between two threads,
// for two-stage pipelines on the two cores (e.g. the ledger fold: read and parse on one
// thread, apply on the other). Owned by common/. Thread-safe for one producer and one
// consumer. Written by hand: the standard library has no bounded queue, and the
// pipelines hand over a few large batches, so a mutex and two condition variables suffice.
//
// Invariants: at most `capacity` items wait; items come out in the order they went in;
// after Close() no item is accepted, and Pop() returns the waiting items, then nullopt.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace cjl {

template <typename T>
class HandoffQueue {
 public:
  explicit HandoffQueue(std::size_t capacity) : capacity_(capacity) {}

  // Blocks while full. False (the item dropped) once the queue is closed.
  bool Push(T item) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  // Blocks while empty and open. nullopt when closed and drained.
  std::optional<T> Pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  // Either side may close: the producer when done, the consumer to stop the producer.
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
  }

 private:
  const std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace cjl
