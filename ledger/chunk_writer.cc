#include "ledger/chunk_writer.h"

#include <pthread.h>

namespace cjl::ledger {

ChunkWriter::ChunkWriter(rocksdb::DB* db, bool sync)
    : db_(db), sync_(sync), thread_([this] { Loop(); }) {
  pthread_setname_np(thread_.native_handle(), "cjl-chunks");  // for top -H and perf
}

ChunkWriter::~ChunkWriter() {
  queue_.Close();
  thread_.join();
}

std::unique_ptr<rocksdb::WriteBatch> ChunkWriter::Spare() {
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

void ChunkWriter::Write(std::unique_ptr<rocksdb::WriteBatch> chunk) {
  queue_.Push(Item{std::move(chunk), nullptr});
}

rocksdb::Status ChunkWriter::WriteHere(std::unique_ptr<rocksdb::WriteBatch> chunk) {
  rocksdb::WriteOptions wo;
  wo.sync = sync_;
  rocksdb::Status s = db_->Write(wo, chunk.get());
  Recycle(std::move(chunk));
  return s;
}

rocksdb::Status ChunkWriter::Finish() {
  std::promise<rocksdb::Status> finished;
  std::future<rocksdb::Status> status = finished.get_future();
  queue_.Push(Item{nullptr, &finished});
  return status.get();
}

void ChunkWriter::Recycle(std::unique_ptr<rocksdb::WriteBatch> chunk) {
  chunk->Clear();
  std::lock_guard lock(spares_mu_);
  spares_.push_back(std::move(chunk));
}

void ChunkWriter::Loop() {
  rocksdb::WriteOptions unsynced;
  unsynced.sync = false;
  rocksdb::Status group = rocksdb::Status::OK();  // the first error of the current group
  while (auto item = queue_.Pop()) {
    if (item->chunk) {
      if (group.ok()) group = db_->Write(unsynced, item->chunk.get());
      Recycle(std::move(item->chunk));
      continue;
    }
    // SyncWAL syncs every live WAL file, so chunks that a memtable switch left in an older
    // file are covered too.
    if (group.ok() && sync_) group = db_->SyncWAL();
    item->finished->set_value(group);
    group = rocksdb::Status::OK();
  }
}

}  // namespace cjl::ledger
