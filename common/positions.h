// Strong position types: a ledger position, a per-child stream version and a Kafka
// offset are different things and never mix silently. Value types; thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace cjl {

template <typename Tag>
class StrongIndex {
 public:
  constexpr StrongIndex() = default;
  constexpr explicit StrongIndex(std::uint64_t v) : v_(v) {}
  constexpr std::uint64_t value() const { return v_; }
  constexpr StrongIndex next() const { return StrongIndex(v_ + 1); }
  constexpr auto operator<=>(const StrongIndex&) const = default;

  template <class Archive>
  void serialize(Archive& ar) {
    ar(v_);
  }

 private:
  std::uint64_t v_ = 0;
};

// Global position in the ledger, from 1; 0 means "none yet".
using LedgerPosition = StrongIndex<struct LedgerPositionTag>;
// Version of one child's stream, from 1; 0 means "the stream is empty".
using StreamVersion = StrongIndex<struct StreamVersionTag>;
// Offset in a Kafka partition.
using KafkaOffset = StrongIndex<struct KafkaOffsetTag>;

}  // namespace cjl

template <typename Tag>
struct std::hash<cjl::StrongIndex<Tag>> {
  std::size_t operator()(const cjl::StrongIndex<Tag>& i) const noexcept {
    return std::hash<std::uint64_t>{}(i.value());
  }
};
