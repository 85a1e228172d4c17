#include "ops/live_projection.h"

#include <spdlog/spdlog.h>

#include "consumers/ledger_fold.h"
#include "events/event_binary.h"

namespace cjl::ops {
namespace {
constexpr std::uint64_t kApplyChunk = 4096;  // events applied per lock hold
}

LiveProjection::LiveProjection(const ledger::Ledger& ledger)
    : ledger_(ledger), tail_([this] { TailLoop(); }) {}

LiveProjection::~LiveProjection() {
  {
    std::lock_guard lock(wait_mu_);
    stopping_ = true;
  }
  wait_cv_.notify_all();
  tail_.join();
}

void LiveProjection::Read(
    const std::function<void(const projections::AuthorityState&, LedgerPosition)>& read) const {
  std::shared_lock lock(mu_);
  read(state_, LedgerPosition(position_.load()));
}

bool LiveProjection::WaitFor(LedgerPosition target, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(wait_mu_);
  return wait_cv_.wait_for(lock, timeout, [&] { return position_.load() >= target.value(); });
}

std::string LiveProjection::last_error() const {
  std::shared_lock lock(mu_);
  return last_error_;
}

void LiveProjection::TailLoop() {
  while (!stopping_) {
    const LedgerPosition applied(position_.load());
    const LedgerPosition head = ledger_.WaitForHeadBeyond(applied, std::chrono::milliseconds(200));
    if (head <= applied) continue;
    std::vector<projections::Fact> chunk;
    Status undecodable = Status::Ok();
    Status s =
        consumers::ForEachFact(ledger_, applied.next(), kApplyChunk, [&](projections::Fact&& fact) {
          // The server derives figures from these facts for as long as it runs, and a
          // fact that does not decode is an invariant failure there: check each record
          // whole once, here, so a damaged one stops the view (and /readyz says why)
          // instead of failing a request later.
          if (auto whole = events::DecodeRecorded(fact.bytes()); !whole.ok()) {
            undecodable = Error(ErrorCode::kCorruption,
                                "position " + std::to_string(fact.position().value()) + ": " +
                                    whole.error().message());
            return false;
          }
          chunk.push_back(std::move(fact));
          return true;
        });
    if (s.ok()) s = undecodable;
    std::unique_lock lock(mu_);
    if (!s.ok()) {
      // Corruption stops the view where it is; /readyz reports it.
      if (last_error_.empty()) spdlog::error("live projection stopped: {}", s.error().ToString());
      last_error_ = s.error().ToString();
      lock.unlock();
      std::unique_lock wait_lock(wait_mu_);
      wait_cv_.wait_for(wait_lock, std::chrono::seconds(1), [&] { return stopping_.load(); });
      continue;
    }
    const std::uint64_t last = chunk.empty() ? 0 : chunk.back().position().value();
    for (auto& r : chunk) state_.Apply(std::move(r));
    if (last != 0) position_ = last;
    lock.unlock();
    { std::lock_guard wait_lock(wait_mu_); }
    wait_cv_.notify_all();
  }
}

}  // namespace cjl::ops
