// The chunks of one group commit, passed in order from the thread that judges them to the
// thread that writes them (ledger_writer.cc), and a pool of spare WriteBatches for them.
// Private to ledger/. Written by hand: one producer and one consumer per group, and a
// slot per chunk allocated before the group, so publishing never blocks or allocates.
//
// Invariants: Reset() only while neither side uses the relay; Publish() by the producer
// at most `max_chunks` times, the last with `last`, or Fail() instead of the rest;
// Await(i) by the consumer, for i in order, returns once slot i is published, and what
// the producer wrote before publishing it is visible to the consumer.
#pragma once

#include <rocksdb/write_batch.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

namespace cjl::ledger {

class ChunkRelay {
 public:
  struct Slot {
    std::unique_ptr<rocksdb::WriteBatch> chunk;
    bool last = false;         // the group's last chunk: written with sync
    std::exception_ptr error;  // the judging threw; no chunk, and no more slots
  };

  // Empties the relay for a group of at most `max_chunks` chunks.
  void Reset(std::size_t max_chunks);
  void Publish(std::unique_ptr<rocksdb::WriteBatch> chunk, bool last);
  void Fail(std::exception_ptr error);
  // Slot i, once published: spins while the chunk is probably being judged, then sleeps.
  Slot& Await(std::size_t i);

  // An empty batch to fill: a written chunk's, cleared. Its buffer is kept, since a fresh
  // buffer of tens of kilobytes costs page faults on every chunk. Either side.
  std::unique_ptr<rocksdb::WriteBatch> Spare();
  // Keeps a written chunk for Spare(), or frees it. Never throws: it runs after a group's
  // durable write, which an exception would report as failed.
  void Recycle(std::unique_ptr<rocksdb::WriteBatch> chunk) noexcept;

 private:
  void PublishSlot(Slot slot);

  std::vector<Slot> slots_;
  std::atomic<std::uint32_t> published_{0};  // slots_[0, published_) are the producer's no more
  std::mutex spares_mu_;
  std::vector<std::unique_ptr<rocksdb::WriteBatch>> spares_;  // GUARDED_BY(spares_mu_)
};

}  // namespace cjl::ledger
