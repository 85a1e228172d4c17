// The JSON wire form of events, exactly as EVENTS.md v1: parse (with every structural and
// contract error named by field) and print. nlohmann::json is the JSON library; it stays
// behind this adapter. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "events/event.h"

namespace cjl::events {

// Parses one event. On failure: kInvalidInput with every broken rule in details()
// (e.g. {"payload.placement.placement_type", "unknown code \"U9\""}). `today` as in
// ValidateEvent. Unknown envelope and payload fields are rejected.
Result<Event> ParseEventJson(std::string_view text, std::optional<Date> today);
Result<Event> EventFromJson(const nlohmann::json& value, std::optional<Date> today);

// The event_id of a JSON text, if it has a string one (for reporting a rejected line).
std::string PeekEventId(std::string_view text);

// The envelope and payload, payload fields of the event's type only.
nlohmann::ordered_json EventToJson(const Event& e);
// EventToJson plus position, stream_version, recorded_at (ISO 8601 UTC), prev_hash, hash (hex).
nlohmann::ordered_json RecordedEventToJson(const RecordedEvent& r);

std::string HexOf(const Sha256& h);
std::string FormatTimestampUs(std::int64_t unix_us);  // 2026-11-24T01:02:03.123456Z

}  // namespace cjl::events
