// The storage stage of the ledger's group commit: writes the chunks (WriteBatches) of one
// group in order on its own thread, so that RocksDB's work on chunk k (WAL append and
// memtable insert, as costly as judging) runs on one core while the committing caller
// judges chunk k+1 on the other. Private to ledger/. One producer at a time (the ledger's
// group leader).
//
// Invariants:
//  - chunks are written in the order given, each atomically, without sync;
//  - Finish() returns once every chunk given since the last Finish() was written and the
//    WAL synced (when sync is on): then all of them are durable. Or it returns the first
//    error, and no chunk after the failed one was written;
//  - a chunk is durable only after Finish(); until then readers must not see it (the
//    ledger reads through the snapshot of its last durable group commit).
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <future>
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
  // Queues the chunk (blocks while a few are already waiting).
  void Write(std::unique_ptr<rocksdb::WriteBatch> chunk);
  // A group of one chunk: written (synced when sync is on) on the caller's thread, with no
  // hand-off. Only between groups (after Finish(), or before the first Write()).
  rocksdb::Status WriteHere(std::unique_ptr<rocksdb::WriteBatch> chunk);
  // Waits for the group's chunks and syncs the WAL; see the invariants.
  rocksdb::Status Finish();

 private:
  struct Item {
    std::unique_ptr<rocksdb::WriteBatch> chunk;         // a chunk to write, or
    std::promise<rocksdb::Status>* finished = nullptr;  // the end of the group
  };
  void Loop();
  void Recycle(std::unique_ptr<rocksdb::WriteBatch> chunk);

  rocksdb::DB* const db_;
  const bool sync_;
  HandoffQueue<Item> queue_{4};
  std::mutex spares_mu_;
  std::vector<std::unique_ptr<rocksdb::WriteBatch>> spares_;  // GUARDED_BY(spares_mu_)
  std::thread thread_;
};

}  // namespace cjl::ledger
