// 8-byte big-endian encoding of unsigned integers, for storage keys whose bytewise order
// must be numeric order (RocksDB's default comparator). Pure; header-only; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cjl {

inline std::string EncodeBigEndian64(std::uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  return out;
}

// nullopt unless exactly 8 bytes.
inline std::optional<std::uint64_t> DecodeBigEndian64(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  std::uint64_t v = 0;
  for (unsigned char c : bytes) v = (v << 8) | c;
  return v;
}

}  // namespace cjl
