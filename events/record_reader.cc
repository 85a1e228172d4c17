// DecodeRecorded's fast path (event_binary.h), written by hand: every fold of whole
// records, `cjl verify`, `cjl read` and the projector decode each record they read, and
// cereal's archive over a stream (a virtual call and a bounds check per value) was most of
// a replay's time. It reads exactly the layout WriteLittleEndianRecord writes, which is
// cereal's PortableBinary for a RecordedEvent on a little-endian host, and nothing else:
// any other byte (another endianness or class version, a flag that is neither 0 nor 1,
// an unknown type, a text longer than kMaxEncodedText, a short record, trailing bytes)
// makes it give up, and cereal's reader, the reference, reads the record or names what is
// wrong with it. event_binary_test decodes cereal's bytes of every event type both ways.
#include <bit>

#include "events/event_binary.h"
#include "events/little_endian_reader.h"

namespace cjl::events::internal {
namespace {

// Reads the values cereal writes, each false (and the record left to cereal) when the
// bytes do not have the expected form.
class RecordReader {
 public:
  explicit RecordReader(std::string_view bytes) : in_(bytes) {}

  template <typename T>
  bool Fixed(T& value) {
    auto read = in_.Read<T>();
    if (!read) return false;
    value = *read;
    return true;
  }
  bool Flag(bool& value) {  // a bool as cereal writes it: one byte, 0 or 1
    std::uint8_t byte = 0;
    if (!Fixed(byte) || byte > 1) return false;
    value = byte == 1;
    return true;
  }
  bool Version(std::uint32_t expected) {
    std::uint32_t version = 0;
    return Fixed(version) && version == expected;
  }
  bool Text(std::string& text) {
    std::uint64_t size = 0;
    if (!Fixed(size) || size > kMaxEncodedText) return false;
    auto bytes = in_.Take(size);
    if (!bytes) return false;
    text.assign(*bytes);
    return true;
  }
  // A std::optional (cereal/types/optional.hpp): a "nullopt" flag, then the value.
  template <typename T, typename ReadValue>
  bool Optional(std::optional<T>& value, ReadValue read_value) {
    bool absent = true;
    if (!Flag(absent)) return false;
    if (absent) {
      value.reset();
      return true;
    }
    return read_value(value.emplace());
  }
  bool AtEnd() const { return in_.remaining() == 0; }

 private:
  LittleEndianReader in_;
};

bool ReadDate(RecordReader& r, Date& date) {
  std::int32_t days = 0;
  if (!r.Fixed(days)) return false;
  date = Date{std::chrono::days{days}};
  return true;
}

// The class versions WriteLittleEndianRecord writes (record_writer.cc).
constexpr std::uint32_t kRecordedEventVersion = 1;
constexpr std::uint32_t kEventVersion = 1;
constexpr std::uint32_t kPlacementVersion = 1;

bool ReadPlacement(RecordReader& r, Placement& p) {
  return r.Version(kPlacementVersion) && r.Text(p.placement_type) && r.Text(p.provider) &&
         r.Text(p.carer_id) && r.Text(p.postcode_district) && r.Text(p.urn);
}

bool ReadPayload(RecordReader& r, EventType type, Payload& p) {
  for (const FieldSpec& f : SpecFor(type).fields) {
    bool ok = false;
    switch (f.kind) {
      case FieldKind::kText:
      case FieldKind::kCode:
        ok = r.Text(p.*f.text);
        break;
      case FieldKind::kDate:
        ok = r.Optional(p.*f.date, [&](Date& d) { return ReadDate(r, d); });
        break;
      case FieldKind::kWeeks:
        ok = r.Optional(p.weeks, [&](int& w) { return r.Fixed(w); });
        break;
      case FieldKind::kBool:
        ok = r.Optional(p.by_foster_carers, [&](bool& b) { return r.Flag(b); });
        break;
      case FieldKind::kPlacement:
        ok = r.Optional(p.placement, [&](Placement& pl) { return ReadPlacement(r, pl); });
        break;
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool ReadLittleEndianRecord(std::string_view bytes, RecordedEvent& out) {
  if constexpr (std::endian::native != std::endian::little) return false;
  if (bytes.empty() || static_cast<std::uint8_t>(bytes[0]) != kBinaryFormatVersion) return false;
  RecordReader r(bytes.substr(1));
  std::uint8_t little = 0;
  if (!r.Fixed(little) || little != 1) return false;  // cereal's endianness flag
  if (!r.Version(kRecordedEventVersion) || !r.Version(kEventVersion)) return false;
  Event& e = out.event;
  std::uint8_t type = 0;
  std::uint64_t position = 0;
  std::uint64_t stream_version = 0;
  std::int32_t schema_version = 0;
  if (!r.Text(e.event_id) || !r.Fixed(type) || type >= kEventTypeCount || !r.Text(e.child_id) ||
      !ReadDate(r, e.occurred_on) || !r.Text(e.source) || !r.Fixed(schema_version)) {
    return false;
  }
  e.type = static_cast<EventType>(type);
  e.schema_version = schema_version;
  if (!ReadPayload(r, e.type, e.payload)) return false;
  if (!r.Fixed(position) || !r.Fixed(stream_version) || !r.Fixed(out.recorded_at_us) ||
      !r.Fixed(out.prev_hash) || !r.Fixed(out.hash) || !r.AtEnd()) {
    return false;
  }
  out.position = LedgerPosition(position);
  out.stream_version = StreamVersion(stream_version);
  return true;
}

}  // namespace cjl::events::internal
