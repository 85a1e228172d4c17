// The storage stage of the ledger's group commit: writes the first chunks (WriteBatches)
// of a group in order on its own thread, so that RocksDB's work on chunk k (WAL append
// and memtable insert, as costly as judging) runs on one core while the committing
// caller judges chunk k+1 on the other; the caller writes the group's last chunk itself,
// synced. Private to ledger/. One producer at a time (the ledger's group leader).
//
// Invariants:
//  - chunks are written in the order given, each atomically; queued chunks without sync;
//  - WriteLast() writes its chunk only after every queued chunk was written, with sync
//    when sync is on: a synced RocksDB write syncs every live WAL file (RocksDB 7.8,
//    db_impl_write.cc: PreprocessWrite marks all of logs_ for sync, WriteToWAL syncs
//    them), so the whole group is durable when it returns OK. Or it returns the first error, and no
//    chunk after the failed one was written;
//  - a chunk is durable only after WriteLast(); until then readers must not see it (the
//    ledger's readers see positions up to the head of its last durable group commit).
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/handoff_queue.h"

namespace cjl::ledger {

class ChunkWriter {
 public:
  ChunkWriter(rocksdb::DB* db, bool sync);
  ~ChunkWriter();  // writes what was given, then joins
  ChunkWriter(const ChunkWriter&) = delete;
  ChunkWriter& operator=(const ChunkWriter&) = delete;

  // An empty batch to fill: a written chunk's, cleared. Its buffer is kept, since a fresh
  // buffer of a hundred kilobytes costs page faults on every chunk.
  std::unique_ptr<rocksdb::WriteBatch> Spare();
  // Queues a chunk of the current group (blocks while a few are already waiting).
  void Write(std::unique_ptr<rocksdb::WriteBatch> chunk);
  // Ends the group; see the invariants. Written on the caller's thread: no hand-off when
  // the queue is already written, as for a group of one chunk.
  rocksdb::Status WriteLast(std::unique_ptr<rocksdb::WriteBatch> last);

 private:
  void Loop();
  void Recycle(std::unique_ptr<rocksdb::WriteBatch> chunk);

  rocksdb::DB* const db_;
  const bool sync_;
  HandoffQueue<std::unique_ptr<rocksdb::WriteBatch>> queue_{4};
  std::uint64_t queued_ = 0;  // the producer's only: chunks given to Write()
  std::mutex written_mu_;
  std::condition_variable written_cv_;
  std::atomic<std::uint64_t> written_{0};  // chunks done; changes under written_mu_
  rocksdb::Status group_error_;            // GUARDED_BY(written_mu_): first of group
  std::mutex spares_mu_;
  std::vector<std::unique_ptr<rocksdb::WriteBatch>> spares_;  // GUARDED_BY(spares_mu_)
  std::thread thread_;
};

}  // namespace cjl::ledger
