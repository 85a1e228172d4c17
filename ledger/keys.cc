#include "ledger/keys.h"

namespace cjl::ledger {

std::string StreamPrefix(std::string_view child_id) {
  std::string key(child_id);
  key.push_back('\0');
  return key;
}

std::string StreamKey(std::string_view child_id, std::uint64_t version) {
  std::string key;
  key.reserve(child_id.size() + 1 + sizeof(version));  // one allocation per key, if any
  key.append(child_id).push_back('\0');
  key.append(EncodeBigEndian64(version));
  return key;
}

std::string CursorKey(std::string_view name) { return "cursor/" + std::string(name); }

}  // namespace cjl::ledger
