// LiveProjection: the read side's in-memory view of every child, kept current by a thread
// that tails the ledger (Ledger::WaitForHeadBeyond + Scan) and applies each event with the
// projections' reducer. The HTTP API, the dashboard and the domain gauges read it.
// It is a cache of the ledger, rebuilt on start; the durable projection state is the
// projection store that the Kafka projector keeps.
//
// Thread-safe: one tail thread writes under a unique lock; readers run under a shared lock.
// Invariants: state_ reflects exactly positions 1..position_.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include "ledger/ledger.h"
#include "projections/child_facts.h"

namespace cjl::ops {

class LiveProjection {
 public:
  // Starts tailing at once; `ledger` must outlive this object.
  explicit LiveProjection(const ledger::Ledger& ledger);
  ~LiveProjection();
  LiveProjection(const LiveProjection&) = delete;
  LiveProjection& operator=(const LiveProjection&) = delete;

  // Runs `read` with the current state under the shared lock; keep it short-lived.
  void Read(
      const std::function<void(const projections::AuthorityState&, LedgerPosition)>& read) const;
  LedgerPosition position() const { return LedgerPosition(position_.load()); }
  // Blocks until position() >= target or the timeout passes; true if reached.
  bool WaitFor(LedgerPosition target, std::chrono::milliseconds timeout) const;
  // The last error of the tail thread (e.g. a record that does not decode); empty if none.
  std::string last_error() const;

 private:
  void TailLoop();

  const ledger::Ledger& ledger_;
  mutable std::shared_mutex mu_;
  projections::AuthorityState state_;  // GUARDED_BY(mu_)
  std::string last_error_;             // GUARDED_BY(mu_)
  std::atomic<std::uint64_t> position_{0};
  mutable std::mutex wait_mu_;
  mutable std::condition_variable wait_cv_;
  std::atomic<bool> stopping_{false};
  std::thread tail_;
};

}  // namespace cjl::ops
