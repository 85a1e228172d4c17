// Reads cereal's PortableBinary values off the front of a view on a little-endian host:
// the hand-written fast paths of the record decoders (event_binary.cc, record_reader.cc).
// Private to events/. Every read is bounds-checked: nullopt when the bytes run out.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace cjl::events::internal {

class LittleEndianReader {
 public:
  explicit LittleEndianReader(std::string_view bytes) : rest_(bytes) {}
  template <typename T>
  std::optional<T> Read() {
    if (rest_.size() < sizeof(T)) return std::nullopt;
    T value;
    std::memcpy(&value, rest_.data(), sizeof(T));  // the host is little-endian (checked)
    rest_.remove_prefix(sizeof(T));
    return value;
  }
  std::optional<std::string_view> Take(std::uint64_t n) {
    if (n > rest_.size()) return std::nullopt;
    std::string_view out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return out;
  }
  std::size_t remaining() const { return rest_.size(); }

 private:
  std::string_view rest_;
};

}  // namespace cjl::events::internal
