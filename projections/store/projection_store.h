// The projection store: each child's reduced facts and the Kafka offsets they were
// consumed up to, kept together in RocksDB so that one WriteBatch moves both. Owned by
// the projection store (projections/store/); it knows RocksDB and the reducer state, and
// nothing of Kafka or the ledger. Thread-safe for concurrent readers and one writer.
//
// On disk (column families):
//   children  child_id                         -> BE64 stream_version | BE64 position |
//                                                 EncodeChildFacts(facts)
//   offsets   scope '\0' topic '\0' BE32 part  -> BE64 next offset to consume
//             (scope = the Kafka cluster id, so a new cluster never reuses old offsets)
//   meta      "applied_position" -> BE64 highest ledger position applied (high-water mark)
//             "caught_up"        -> BE64 every ledger position <= this is applied
//             "cluster_id"       -> the cluster the runner last consumed from
//
// Invariants:
//  - a child's record holds exactly the effect of its stream versions 1..version applied
//    in order (the runner never skips a version: a gap is filled from the ledger first);
//  - a batch's children, offsets and meta are written in one WriteBatch: a crash leaves
//    all of it or none, so an offset is never ahead of the state it covers;
//  - applied_position only grows.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/big_endian.h"
#include "common/positions.h"
#include "common/result.h"
#include "projections/child_facts.h"

namespace cjl::projections {

// One child's reduced state and how far into its stream it reaches.
struct ChildRecord {
  StreamVersion version;    // last stream version applied (0 = nothing yet)
  LedgerPosition position;  // ledger position of that event
  ChildFacts facts;
};

std::string EncodeChildRecord(const ChildRecord& r);
std::string EncodeChildRecord(StreamVersion version, LedgerPosition position,
                              const ChildFacts& facts);
Result<ChildRecord> DecodeChildRecord(std::string_view bytes);

struct StoreOptions {
  std::string path;  // directory; created if missing
  bool sync = true;  // fsync every Write (the state is durable when Write returns)
  bool read_only = false;
};

// Changes to write together. Later puts of the same key win.
class StoreBatch {
 public:
  void PutChild(const std::string& child_id, const ChildRecord& record);
  void PutChild(const std::string& child_id, StreamVersion version, LedgerPosition position,
                const ChildFacts& facts);
  void PutOffset(std::string_view scope, std::string_view topic, std::int32_t partition,
                 KafkaOffset next);
  void SetMeta(std::string_view key, std::string value);
  void NoteApplied(LedgerPosition p) {
    if (p > max_applied_) max_applied_ = p;
  }
  bool empty() const { return children_.empty() && offsets_.empty() && meta_.empty(); }
  std::size_t children() const { return children_.size(); }

  // What Write puts, by column family.
  using Puts = std::unordered_map<std::string, std::string>;
  const Puts& child_puts() const { return children_; }
  const Puts& offset_puts() const { return offsets_; }
  const Puts& meta_puts() const { return meta_; }
  LedgerPosition max_applied() const { return max_applied_; }

 private:
  std::unordered_map<std::string, std::string> children_;  // child_id -> encoded record
  std::unordered_map<std::string, std::string> offsets_;   // key -> BE64
  std::unordered_map<std::string, std::string> meta_;
  LedgerPosition max_applied_;
};

// RocksDB's lock on a store's directory (the LOCK file every open of the store takes),
// held without opening the store: while it is held no process can open the store, and
// taking it fails while one has it open. Released when destroyed.
class StoreDirLock {
 public:
  // nullptr (nothing to lock) when the directory does not exist. kUnavailable when the
  // store is open (in this process or another).
  static Result<std::unique_ptr<StoreDirLock>> Take(const std::string& path);
  virtual ~StoreDirLock() = default;
};

class ProjectionStore {
 public:
  // Opens (creating if needed). kUnavailable if locked by another process or on I/O
  // errors; kCorruption if meta does not decode.
  static Result<std::unique_ptr<ProjectionStore>> Open(const StoreOptions& options);
  virtual ~ProjectionStore() = default;

  // Writes the batch atomically; durable on return when options.sync.
  virtual Status Write(const StoreBatch& batch) = 0;

  // Loads `count` children into a store that holds none yet (a rebuild), bypassing the
  // WAL and the memtable: the children are written to SST files, on two threads (each
  // writes one half of the indices), and ingested at once. `child_at(i, id, record)` sets
  // child i's id and record (EncodeChildRecord); ids must strictly increase with i, and
  // it is called from both threads at once (for different i). kInvalidInput when the
  // store already has children or the order breaks; nothing is ingested then.
  using ChildAt =
      std::function<void(std::size_t index, std::string& child_id, std::string& record)>;
  virtual Status BulkLoadChildren(std::size_t count, const ChildAt& child_at) = 0;

  virtual Result<std::optional<ChildRecord>> GetChild(std::string_view child_id) const = 0;
  // The stored bytes of a child (for byte-identity checks); nullopt when absent.
  virtual Result<std::optional<std::string>> GetChildBytes(std::string_view child_id) const = 0;
  // Every child in child_id order until `visit` returns false. kCorruption on a bad record.
  virtual Status ForEachChild(
      const std::function<bool(std::string_view, const ChildRecord&)>& visit) const = 0;
  // Loads every child into an AuthorityState (for reports).
  virtual Result<AuthorityState> LoadAll() const = 0;

  virtual Result<std::optional<KafkaOffset>> GetOffset(std::string_view scope,
                                                       std::string_view topic,
                                                       std::int32_t partition) const = 0;
  // meta "applied_position" (0 when nothing applied).
  virtual LedgerPosition AppliedPosition() const = 0;
  virtual Result<std::optional<std::string>> GetMeta(std::string_view key) const = 0;
};

// meta keys
inline constexpr std::string_view kMetaCaughtUp = "caught_up";
inline constexpr std::string_view kMetaClusterId = "cluster_id";

}  // namespace cjl::projections
