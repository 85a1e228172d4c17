// The binary form of ChildFacts for the projection store (cereal portable binary).
// Owned by projections/. Pure; thread-safe.
//
// Format (version 1):
//   byte 0     kChildFactsFormatVersion
//   bytes 1..  cereal PortableBinary: child_id, then every event applied (facts, withheld
//              facts and retractions) as events::RecordedEvent (events/event_binary.h).
// Decoding replays the events through ApplyEvent, so the invariants of ChildFacts hold for
// whatever bytes decode; unknown versions, truncation or trailing bytes are kCorruption.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "projections/child_facts.h"

namespace cjl::projections {

inline constexpr std::uint8_t kChildFactsFormatVersion = 1;

std::string EncodeChildFacts(const ChildFacts& facts);
Result<ChildFacts> DecodeChildFacts(std::string_view bytes);

}  // namespace cjl::projections
