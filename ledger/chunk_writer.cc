#include "ledger/chunk_writer.h"

#include <pthread.h>

#include <chrono>

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
  ++queued_;
  queue_.Push(std::move(chunk));
}

rocksdb::Status ChunkWriter::WriteLast(std::unique_ptr<rocksdb::WriteBatch> last) {
  // When only the queue's last chunk is left, it is usually being written as the leader
  // gets here and done within a fraction of a millisecond, while waking from the
  // condition variable costs 40 µs or more on this VM: spin for a while first (bounded,
  // yielding the core, then block). With more chunks left, block at once.
  if (queued_ - written_.load(std::memory_order_acquire) <= 1) {
    const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(300);
    while (written_.load(std::memory_order_acquire) != queued_ &&
           std::chrono::steady_clock::now() < spin_until) {
      std::this_thread::yield();
    }
  }
  rocksdb::Status queued = rocksdb::Status::OK();
  {
    std::unique_lock lock(written_mu_);
    written_cv_.wait(lock, [&] { return written_ == queued_; });
    std::swap(queued, group_error_);  // the next group starts without an error
  }
  if (queued.ok()) {
    rocksdb::WriteOptions wo;
    wo.sync = sync_;
    queued = db_->Write(wo, last.get());
  }
  Recycle(std::move(last));
  return queued;
}

void ChunkWriter::Recycle(std::unique_ptr<rocksdb::WriteBatch> chunk) {
  chunk->Clear();
  std::lock_guard lock(spares_mu_);
  spares_.push_back(std::move(chunk));
}

void ChunkWriter::Loop() {
  rocksdb::WriteOptions unsynced;
  unsynced.sync = false;
  while (auto chunk = queue_.Pop()) {
    bool group_ok = false;
    {
      std::lock_guard lock(written_mu_);
      group_ok = group_error_.ok();
    }
    // After a failed chunk the rest of its group is not written: a later chunk alone
    // would leave a gap in the log.
    rocksdb::Status s = group_ok ? db_->Write(unsynced, chunk->get()) : rocksdb::Status::OK();
    Recycle(std::move(*chunk));
    {
      std::lock_guard lock(written_mu_);
      if (!s.ok() && group_error_.ok()) group_error_ = s;
      written_.fetch_add(1, std::memory_order_release);
    }
    written_cv_.notify_one();
  }
}

}  // namespace cjl::ledger
