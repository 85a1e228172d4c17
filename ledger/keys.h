// Key and value encodings of the ledger's column families (see ledger.h). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/big_endian.h"

namespace cjl::ledger {

inline constexpr const char* kEventsCf = "events";
inline constexpr const char* kStreamsCf = "streams";
inline constexpr const char* kIdsCf = "ids";
inline constexpr const char* kMetaCf = "meta";
inline constexpr const char* kHeadKey = "head";
inline constexpr const char* kChainHeadKey = "chain_head";

using cjl::DecodeBigEndian64;  // common/big_endian.h: keys sort in numeric order
using cjl::EncodeBigEndian64;

// streams key: child_id '\0' BE64(version). child ids never contain '\0' (contract).
std::string StreamKey(std::string_view child_id, std::uint64_t version);
std::string StreamPrefix(std::string_view child_id);
std::string CursorKey(std::string_view name);

}  // namespace cjl::ledger
