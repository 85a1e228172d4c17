#include "ledger/keys.h"

namespace cjl::ledger {

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
