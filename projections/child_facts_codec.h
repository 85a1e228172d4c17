// The binary form of ChildFacts for the projection store (cereal portable binary).
// Owned by projections/. Pure; thread-safe.
//
// Format (version 2):
//   byte 0     kChildFactsFormatVersion
//   bytes 1..  cereal PortableBinary: child_id, then every fact applied (facts, withheld
//              facts and retractions) as its record bytes: events::EncodeRecorded's, what
//              the ledger stores.
// Version 1 (child_id, then each record as an events::RecordedEvent) is still read.
// Decoding replays the facts through ApplyFact, so the invariants of ChildFacts hold for
// whatever bytes decode; unknown versions, truncation or trailing bytes are kCorruption.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "projections/child_facts.h"

namespace cjl::projections {

inline constexpr std::uint8_t kChildFactsFormatVersion = 2;

std::string EncodeChildFacts(const ChildFacts& facts);
// The same, appended to `out` (for records that prefix it).
void AppendChildFacts(std::string& out, const ChildFacts& facts);
Result<ChildFacts> DecodeChildFacts(std::string_view bytes);

}  // namespace cjl::projections
