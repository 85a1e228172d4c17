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

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <cereal/archives/portable_binary.hpp>
#include <cereal/cereal.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>

#include "common/result.h"
#include "events/event.h"
#include "events/event_spec.h"

namespace cjl::events {

inline constexpr std::uint8_t kBinaryFormatVersion = 1;

// Thrown inside load() only; the Decode functions turn it into an Error.
struct UnknownClassVersion : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// No text field of any record comes near this; a longer length read from a record is
// damage (cereal would allocate whatever length a flipped byte spells, up to gigabytes).
inline constexpr std::uint64_t kMaxEncodedText = 1 << 20;

// Every text field: written as cereal writes a std::string (the format is unchanged);
// read with its length checked against kMaxEncodedText before anything is allocated.
template <class Archive>
void SerializeText(Archive& ar, std::string& text) {
  if constexpr (Archive::is_loading::value) {
    cereal::size_type size = 0;
    ar(cereal::make_size_tag(size));
    if (size > kMaxEncodedText) {
      throw std::runtime_error("text field of " + std::to_string(size) + " bytes");
    }
    text.resize(static_cast<std::size_t>(size));
    ar(cereal::binary_data(text.data(), text.size()));
  } else {
    ar(text);
  }
}

template <class Archive>
void serialize(Archive& ar, Placement& p, std::uint32_t version) {
  if (version > 1) throw UnknownClassVersion("Placement version " + std::to_string(version));
  SerializeText(ar, p.placement_type);
  SerializeText(ar, p.provider);
  SerializeText(ar, p.carer_id);
  SerializeText(ar, p.postcode_district);
  SerializeText(ar, p.urn);
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

// The payload is written field by field from the contract table: only the fields of the
// event's type, in the table's order (the type is read first, so a reader knows them).
template <class Archive>
void SerializePayload(Archive& ar, EventType type, Payload& p) {
  for (const FieldSpec& f : SpecFor(type).fields) {
    switch (f.kind) {
      case FieldKind::kText:
      case FieldKind::kCode:
        SerializeText(ar, p.*f.text);
        break;
      case FieldKind::kDate:
        SerializeDate(ar, p.*f.date);
        break;
      case FieldKind::kWeeks:
        ar(p.weeks);
        break;
      case FieldKind::kBool:
        ar(p.by_foster_carers);
        break;
      case FieldKind::kPlacement:
        ar(p.placement);
        break;
    }
  }
}

template <class Archive>
void serialize(Archive& ar, Event& e, std::uint32_t version) {
  if (version > 1) throw UnknownClassVersion("Event version " + std::to_string(version));
  auto type = static_cast<std::uint8_t>(e.type);
  std::int32_t day = static_cast<std::int32_t>(e.occurred_on.time_since_epoch().count());
  SerializeText(ar, e.event_id);
  ar(type);
  SerializeText(ar, e.child_id);
  ar(day);
  SerializeText(ar, e.source);
  ar(e.schema_version);
  if (type >= kEventTypeCount) throw UnknownClassVersion("event type " + std::to_string(type));
  e.type = static_cast<EventType>(type);
  e.occurred_on = Date{std::chrono::days{day}};
  SerializePayload(ar, e.type, e.payload);
}

template <class Archive>
void serialize(Archive& ar, RecordedEvent& r, std::uint32_t version) {
  if (version > 1) throw UnknownClassVersion("RecordedEvent version " + std::to_string(version));
  ar(r.event, r.position, r.stream_version, r.recorded_at_us, r.prev_hash, r.hash);
}

// Appends a cereal PortableBinary archive that `write` fills to `out`, through one
// output stream per thread and without intermediate copies (an ostringstream costs more
// than encoding a small record). For every binary form built on cereal.
void AppendPortable(std::string& out,
                    const std::function<void(cereal::PortableBinaryOutputArchive&)>& write);

// Reads a whole cereal PortableBinary archive from `bytes` with `read`, through one input
// stream per thread and without copying the bytes. kCorruption (prefixed by `what`) when
// `read` throws (truncation, unknown versions) or bytes are left over. `read` must not
// decode another record itself.
Status ReadPortable(std::string_view bytes,
                    const std::function<void(cereal::PortableBinaryInputArchive&)>& read,
                    const char* what);

// The upstream event alone: equal events encode to equal bytes (idempotency compares these).
std::string EncodeEvent(const Event& e);
Result<Event> DecodeEvent(std::string_view bytes);

// The whole recorded event (what the ledger stores and Kafka carries).
std::string EncodeRecorded(const RecordedEvent& r);
Result<RecordedEvent> DecodeRecorded(std::string_view bytes);

// The envelope of an encoded RecordedEvent, read without its payload: what a reducer
// routes, orders and deduplicates by. The views point into the bytes given.
struct EnvelopeHead {
  std::string_view event_id;
  EventType type = EventType::kChildRegistered;
  std::string_view child_id;
  Date occurred_on{};
  LedgerPosition position;
  StreamVersion stream_version;
};
// Reads the envelope's leading fields and the record's fixed-size tail (position,
// stream_version, recorded_at and the hashes: the last kRecordTailBytes) from
// EncodeRecorded's bytes. kCorruption when the format or a class version is unknown or
// the record is too short; the payload between them is not read (DecodeRecorded checks
// the whole record).
Result<EnvelopeHead> DecodeEnvelopeHead(std::string_view recorded_bytes);

namespace internal {
// DecodeEnvelopeHead's hand-written fast path for the layout every record written on a
// little-endian host has; nullopt sends a record to cereal's reader. Declared for tests.
std::optional<EnvelopeHead> ReadLittleEndianHead(std::string_view recorded_bytes);
// DecodeRecorded's hand-written fast path (record_reader.cc): reads what
// WriteLittleEndianRecord writes (cereal's layout on a little-endian host) into `out`,
// which must be default-constructed (fields the type does not have are not written).
// False, `out` then unspecified, for anything else (another host's or version's layout,
// damage, trailing bytes): cereal's reader then reads the record or rejects it.
bool ReadLittleEndianRecord(std::string_view recorded_bytes, RecordedEvent& out);
// EncodeRecordInto's hand-written fast path (record_writer.cc): cereal's bytes for the
// record, on a little-endian host; false (nothing written) on any other host.
bool WriteLittleEndianRecord(std::string& out, const Event& e, LedgerPosition position,
                             StreamVersion stream_version, std::int64_t recorded_at_us);
}  // namespace internal

// The bytes the hash chain covers: everything recorded except prev_hash and hash. The two
// hashes are the last kHashBytes of EncodeRecorded, so the canonical bytes are the
// encoding's prefix and a record is encoded once (EncodeSealed).
inline constexpr std::size_t kHashBytes = 64;
inline constexpr std::size_t kRecordTailBytes = 3 * 8 + kHashBytes;
std::string CanonicalBytes(const RecordedEvent& r);
// EncodeRecorded's bytes of the record of `e` at these ledger fields, with zero hashes,
// encoded straight from `e` (the ledger's append path copies no event). The record is
// sealed by writing its hashes over the last kHashBytes (PatchHashes).
std::string EncodeRecordOf(const Event& e, LedgerPosition position, StreamVersion stream_version,
                           std::int64_t recorded_at_us);
// The same into `out` (replacing its content, keeping its capacity: no allocation per
// record on the append path).
void EncodeRecordInto(std::string& out, const Event& e, LedgerPosition position,
                      StreamVersion stream_version, std::int64_t recorded_at_us);
void PatchHashes(std::string& recorded_bytes, const Sha256& prev_hash, const Sha256& hash);

}  // namespace cjl::events

CEREAL_CLASS_VERSION(cjl::events::Placement, 1);
CEREAL_CLASS_VERSION(cjl::events::Event, 1);
CEREAL_CLASS_VERSION(cjl::events::RecordedEvent, 1);
