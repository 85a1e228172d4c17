// One recorded event as the projections keep it. Owned by projections/. Value type;
// thread-compatible.
//
// A fact holds the ledger's encoding of the record (events::EncodeRecorded) together with
// the envelope fields the reducer routes, orders and deduplicates by. The payload is
// decoded only when a figure is derived (Decode), so the reducer state is a third of the
// memory of decoded records and a rebuild groups the ledger's bytes without decoding
// every payload (docs/PERFORMANCE.md).
//
// Invariants: bytes() is a record whose envelope head decodes (events::DecodeEnvelopeHead);
// event_id(), child_id(), type(), occurred_on(), position() and stream_version() are the
// record's; target_event_id() is the payload's target for an
// EventRetracted and empty for every other type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/positions.h"
#include "common/result.h"
#include "events/event.h"

namespace cjl::projections {

class Fact {
 public:
  // From the ledger's stored bytes of a record (events::EncodeRecorded's). Reads the
  // envelope head and tail; an EventRetracted is decoded whole for its target.
  // kCorruption when that fails.
  static Result<Fact> FromRecordBytes(std::string bytes);
  // From a decoded record (encodes it).
  static Fact FromRecorded(const events::RecordedEvent& r);

  LedgerPosition position() const { return position_; }
  StreamVersion stream_version() const { return stream_version_; }
  events::EventType type() const { return type_; }
  Date occurred_on() const { return occurred_on_; }
  std::string_view event_id() const { return View(id_offset_, id_size_); }
  std::string_view child_id() const { return View(child_offset_, child_size_); }
  const std::string& target_event_id() const { return target_event_id_; }
  const std::string& bytes() const { return bytes_; }

  // The whole record. The bytes were written by this code's encoder and read back
  // through RocksDB's checksums, so a record that does not decode is an invariant
  // failure: the process stops naming the position (`cjl verify` checks the ledger).
  events::RecordedEvent Decode() const;

  bool operator==(const Fact& o) const { return position_ == o.position_ && bytes_ == o.bytes_; }

 private:
  Fact() = default;
  std::string_view View(std::uint32_t offset, std::uint32_t size) const {
    return std::string_view(bytes_).substr(offset, size);
  }

  std::string bytes_;
  std::string target_event_id_;
  LedgerPosition position_;
  StreamVersion stream_version_;
  Date occurred_on_{};
  std::uint32_t id_offset_ = 0;
  std::uint32_t id_size_ = 0;
  std::uint32_t child_offset_ = 0;
  std::uint32_t child_size_ = 0;
  events::EventType type_ = events::EventType::kChildRegistered;
};

}  // namespace cjl::projections
