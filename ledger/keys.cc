#include "ledger/keys.h"

namespace cjl::ledger {

std::string EncodeBigEndian64(std::uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  return out;
}

std::optional<std::uint64_t> DecodeBigEndian64(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  std::uint64_t v = 0;
  for (unsigned char c : bytes) v = (v << 8) | c;
  return v;
}

std::string StreamPrefix(std::string_view child_id) {
  std::string key(child_id);
  key.push_back('\0');
  return key;
}

std::string StreamKey(std::string_view child_id, std::uint64_t version) {
  return StreamPrefix(child_id) + EncodeBigEndian64(version);
}

std::string CursorKey(std::string_view name) { return "cursor/" + std::string(name); }

}  // namespace cjl::ledger
