#include "consumers/child_cache.h"

#include <utility>

namespace cjl::consumers {

namespace {

std::size_t BytesOf(const projections::ChildRecord& record) {
  std::size_t bytes = record.facts.child_id.size();
  for (const auto* list :
       {&record.facts.facts, &record.facts.withheld, &record.facts.retractions}) {
    for (const projections::Fact& f : *list) bytes += f.bytes().size();
  }
  return bytes;
}

}  // namespace

std::optional<projections::ChildRecord> ChildCache::Take(const std::string& child_id) {
  auto it = records_.find(child_id);
  if (it == records_.end()) return std::nullopt;
  bytes_ -= it->second.bytes;
  projections::ChildRecord record = std::move(it->second.record);
  records_.erase(it);
  return record;
}

void ChildCache::Put(std::string child_id, projections::ChildRecord record) {
  const std::size_t bytes = BytesOf(record);
  if (auto it = records_.find(child_id); it != records_.end()) {
    bytes_ -= it->second.bytes;
    records_.erase(it);
  }
  if (bytes > max_bytes_) return;
  if (bytes_ + bytes > max_bytes_) Clear();
  bytes_ += bytes;
  records_.emplace(std::move(child_id), Held{std::move(record), bytes});
}

void ChildCache::Clear() {
  records_.clear();
  bytes_ = 0;
}

}  // namespace cjl::consumers
