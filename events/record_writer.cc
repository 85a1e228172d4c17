// EncodeRecordInto's fast path (event_binary.h), written by hand: it runs once for every
// appended event, and cereal's archive (its stream, its bookkeeping of versioned types
// and a virtual call per field) was 30% of the ledger's judging of an append (perf,
// bench/append_probe at batch 128). It writes exactly the bytes cereal's PortableBinary
// writes for a RecordedEvent on a little-endian host (the layout ReadLittleEndianHead
// reads back): cereal stays the reference, and event_binary_test compares the two for
// every event type, with every optional field present and absent.
#include <bit>
#include <cstring>

#include "events/event_binary.h"

namespace cjl::events::internal {
namespace {

// Appends values as cereal's PortableBinary writes them on a little-endian host.
class LittleEndianWriter {
 public:
  explicit LittleEndianWriter(std::string& out) : out_(out) {}

  template <typename T>
  void Fixed(T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out_.append(bytes, sizeof(T));
  }
  // A std::string: its size as a 64-bit cereal::size_type, then its bytes.
  void Text(std::string_view text) {
    Fixed<std::uint64_t>(text.size());
    out_.append(text);
  }
  // A std::optional (cereal/types/optional.hpp): a "nullopt" flag byte, then the value.
  template <typename T>
  void Optional(const std::optional<T>& value) {
    Fixed<bool>(!value.has_value());
    if (value) Fixed<T>(*value);
  }

 private:
  std::string& out_;
};

// cereal writes an int and a bool in their own sizes; these are the sizes the layout has.
static_assert(sizeof(int) == 4 && sizeof(bool) == 1);

// The class versions cereal writes before the first value of each versioned class: as
// CEREAL_CLASS_VERSION declares them (a newer one fails the byte comparison test).
constexpr std::uint32_t kRecordedEventVersion = 1;
constexpr std::uint32_t kEventVersion = 1;
constexpr std::uint32_t kPlacementVersion = 1;

void WritePayload(LittleEndianWriter& w, EventType type, const Payload& p) {
  for (const FieldSpec& f : SpecFor(type).fields) {
    switch (f.kind) {
      case FieldKind::kText:
      case FieldKind::kCode:
        w.Text(p.*f.text);
        break;
      case FieldKind::kDate: {
        const std::optional<Date>& date = p.*f.date;
        std::optional<std::int32_t> days;
        if (date) days = static_cast<std::int32_t>(date->time_since_epoch().count());
        w.Optional(days);
        break;
      }
      case FieldKind::kWeeks:
        w.Optional(p.weeks);
        break;
      case FieldKind::kBool:
        w.Optional(p.by_foster_carers);
        break;
      case FieldKind::kPlacement:
        w.Fixed<bool>(!p.placement.has_value());
        if (p.placement) {
          w.Fixed(kPlacementVersion);
          w.Text(p.placement->placement_type);
          w.Text(p.placement->provider);
          w.Text(p.placement->carer_id);
          w.Text(p.placement->postcode_district);
          w.Text(p.placement->urn);
        }
        break;
    }
  }
}

}  // namespace

bool WriteLittleEndianRecord(std::string& out, const Event& e, LedgerPosition position,
                             StreamVersion stream_version, std::int64_t recorded_at_us) {
  if constexpr (std::endian::native != std::endian::little) return false;
  out.clear();
  LittleEndianWriter w(out);
  w.Fixed(kBinaryFormatVersion);
  w.Fixed<std::uint8_t>(1);  // cereal's endianness flag: little-endian
  w.Fixed(kRecordedEventVersion);
  w.Fixed(kEventVersion);
  w.Text(e.event_id);
  w.Fixed(static_cast<std::uint8_t>(e.type));
  w.Text(e.child_id);
  w.Fixed(static_cast<std::int32_t>(e.occurred_on.time_since_epoch().count()));
  w.Text(e.source);
  w.Fixed<std::int32_t>(e.schema_version);
  WritePayload(w, e.type, e.payload);
  w.Fixed(position.value());
  w.Fixed(stream_version.value());
  w.Fixed(recorded_at_us);
  out.append(kHashBytes, '\0');  // prev_hash and hash, patched when the record is sealed
  return true;
}

}  // namespace cjl::events::internal
