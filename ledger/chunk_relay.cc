#include "ledger/chunk_relay.h"

#include "common/result.h"
#include "common/spin_wait.h"

namespace cjl::ledger {
namespace {

// Spare batches kept: a group's chunks come back one by one as they are written, so a
// few suffice; more would keep the memory of the largest group ever committed.
constexpr std::size_t kMaxSpares = 8;

// The consumer usually asks for a chunk that is being judged and is ready within tens of
// microseconds; sleeping instead would add a wake-up of 25-40 µs to each.
constexpr std::chrono::microseconds kAwaitSpin{500};

}  // namespace

void ChunkRelay::Reset(std::size_t max_chunks) {
  slots_.clear();
  slots_.resize(max_chunks + 1);  // room for a failure after the last chunk allowed
  published_.store(0, std::memory_order_relaxed);
}

void ChunkRelay::Publish(std::unique_ptr<rocksdb::WriteBatch> chunk, bool last) {
  CJL_CHECK(published_.load(std::memory_order_relaxed) + 1 < slots_.size(),
            "ChunkRelay: more chunks than the group was given room for");
  PublishSlot(Slot{std::move(chunk), last, nullptr});
}

void ChunkRelay::Fail(std::exception_ptr error) { PublishSlot(Slot{nullptr, true, error}); }

void ChunkRelay::PublishSlot(Slot slot) {
  const std::uint32_t i = published_.load(std::memory_order_relaxed);
  slots_[i] = std::move(slot);
  published_.store(i + 1, std::memory_order_release);
  published_.notify_one();
}

ChunkRelay::Slot& ChunkRelay::Await(std::size_t i) {
  SpinThenWait(
      published_, [i](std::uint32_t published) { return published > i; }, kAwaitSpin);
  return slots_[i];
}

std::unique_ptr<rocksdb::WriteBatch> ChunkRelay::Spare() {
  {
    std::lock_guard lock(spares_mu_);
    if (!spares_.empty()) {
      auto chunk = std::move(spares_.back());
      spares_.pop_back();
      return chunk;
    }
  }
  return std::make_unique<rocksdb::WriteBatch>();
}

void ChunkRelay::Recycle(std::unique_ptr<rocksdb::WriteBatch> chunk) noexcept {
  if (!chunk) return;
  chunk->Clear();
  std::lock_guard lock(spares_mu_);
  if (spares_.size() >= kMaxSpares) return;  // freed
  try {
    spares_.push_back(std::move(chunk));
  } catch (...) {  // NOLINT(bugprone-empty-catch): without room to keep it, it is freed
  }
}

}  // namespace cjl::ledger
