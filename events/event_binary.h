// The binary encoding of events for the ledger and Kafka (cereal portable binary).
// Owned by events/. Pure; thread-safe.
//
// Format (version 1), written down in docs/FORMATS.md too:
//   byte 0      record format version (kBinaryFormatVersion)
//   bytes 1..   cereal PortableBinary archive of the struct; every class carries its
//               CEREAL_CLASS_VERSION and loading a newer one than this code knows fails.
// A decoder never half-reads: an unknown format or class version, trailing bytes or a
// truncated record is an error (kCorruption), never a partly filled struct.
#pragma once

#include <string>
#include <string_view>

#include <cereal/cereal.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>

#include "common/result.h"
#include "events/event.h"

namespace cjl::events {

inline constexpr std::uint8_t kBinaryFormatVersion = 1;

// Thrown inside load() only; the Decode functions turn it into an Error.
struct UnknownClassVersion : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class Archive>
void serialize(Archive& ar, Placement& p, std::uint32_t version) {
  if (version > 1) throw UnknownClassVersion("Placement version " + std::to_string(version));
  ar(p.placement_type, p.provider, p.carer_id, p.postcode_district, p.urn);
}

template <class Archive>
void SerializeDate(Archive& ar, std::optional<Date>& d) {
  std::optional<std::int32_t> days;
  if (d) days = static_cast<std::int32_t>(d->time_since_epoch().count());
  ar(days);
  if (days)
    d = Date{std::chrono::days{*days}};
  else
    d.reset();
}

template <class Archive>
void serialize(Archive& ar, Payload& p, std::uint32_t version) {
  if (version > 1) throw UnknownClassVersion("Payload version " + std::to_string(version));
  SerializeDate(ar, p.date_of_birth);
  ar(p.sex, p.ethnicity, p.referral_source, p.outcome, p.kind, p.category, p.case_number, p.weeks,
     p.reason, p.legal_status, p.category_of_need, p.placement, p.reason_previous_ended, p.plan,
     p.consent, p.by_foster_carers, p.carer, p.participation);
  SerializeDate(ar, p.ended_on);
  ar(p.target_event_id);
}

template <class Archive>
void serialize(Archive& ar, Event& e, std::uint32_t version) {
  if (version > 1) throw UnknownClassVersion("Event version " + std::to_string(version));
  auto type = static_cast<std::uint8_t>(e.type);
  std::int32_t day = static_cast<std::int32_t>(e.occurred_on.time_since_epoch().count());
  ar(e.event_id, type, e.child_id, day, e.source, e.schema_version, e.payload);
  if (type >= kEventTypeCount) throw UnknownClassVersion("event type " + std::to_string(type));
  e.type = static_cast<EventType>(type);
  e.occurred_on = Date{std::chrono::days{day}};
}

template <class Archive>
void serialize(Archive& ar, RecordedEvent& r, std::uint32_t version) {
  if (version > 1) throw UnknownClassVersion("RecordedEvent version " + std::to_string(version));
  ar(r.event, r.position, r.stream_version, r.recorded_at_us, r.prev_hash, r.hash);
}

// The upstream event alone: equal events encode to equal bytes (idempotency compares these).
std::string EncodeEvent(const Event& e);
Result<Event> DecodeEvent(std::string_view bytes);

// The whole recorded event (what the ledger stores and Kafka carries).
std::string EncodeRecorded(const RecordedEvent& r);
Result<RecordedEvent> DecodeRecorded(std::string_view bytes);

// The bytes the hash chain covers: everything recorded except prev_hash and hash.
std::string CanonicalBytes(const RecordedEvent& r);

}  // namespace cjl::events

CEREAL_CLASS_VERSION(cjl::events::Placement, 1);
CEREAL_CLASS_VERSION(cjl::events::Payload, 1);
CEREAL_CLASS_VERSION(cjl::events::Event, 1);
CEREAL_CLASS_VERSION(cjl::events::RecordedEvent, 1);
