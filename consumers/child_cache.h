// The projector's recently committed children, decoded: a child that consecutive batches
// touch is read from the projection store and decoded once, not once a batch (the
// store's memtable lookup and the decoding were a third of the projector's time).
// Owned by consumers/. Not thread-safe: the projector's thread only.
//
// Invariant: every record held is the child's record as durable in the store. Records go
// in only after the batch that wrote them committed; the owner clears the cache when a
// commit fails or anything else writes the store (the catch-up from the ledger).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>

#include "projections/store/projection_store.h"

namespace cjl::consumers {

class ChildCache {
 public:
  // Beyond `max_bytes` of facts the cache starts afresh (simple, and a batch's working
  // set is far smaller).
  explicit ChildCache(std::size_t max_bytes = std::size_t{64} << 20) : max_bytes_(max_bytes) {}

  // The child's record, taken out of the cache (the caller stages it and gives it back
  // with Put once it is durable); nullopt when not held.
  std::optional<projections::ChildRecord> Take(const std::string& child_id);
  // Holds `record` as the child's durable record.
  void Put(std::string child_id, projections::ChildRecord record);
  void Clear();

  std::size_t size() const { return records_.size(); }
  std::size_t bytes() const { return bytes_; }

 private:
  struct Held {
    projections::ChildRecord record;
    std::size_t bytes;
  };
  const std::size_t max_bytes_;
  std::unordered_map<std::string, Held> records_;
  std::size_t bytes_ = 0;
};

}  // namespace cjl::consumers
