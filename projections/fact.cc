// Facts: the projections' compact form of a recorded event (see fact.h).
#include "projections/fact.h"

#include "events/event_binary.h"

namespace cjl::projections {

Result<Fact> Fact::FromRecordBytes(std::string bytes) {
  auto head = events::DecodeEnvelopeHead(bytes);
  if (!head.ok()) return head.error();
  const LedgerPosition position = head->position;
  Fact f;
  f.position_ = position;
  f.stream_version_ = head->stream_version;
  f.type_ = head->type;
  f.occurred_on_ = head->occurred_on;
  f.id_offset_ = static_cast<std::uint32_t>(head->event_id.data() - bytes.data());
  f.id_size_ = static_cast<std::uint32_t>(head->event_id.size());
  f.child_offset_ = static_cast<std::uint32_t>(head->child_id.data() - bytes.data());
  f.child_size_ = static_cast<std::uint32_t>(head->child_id.size());
  if (head->type == events::EventType::kEventRetracted) {
    auto whole = events::DecodeRecorded(bytes);
    if (!whole.ok()) {
      return Error(ErrorCode::kCorruption,
                   "position " + std::to_string(position.value()) + ": " + whole.error().message());
    }
    f.target_event_id_ = std::move(whole->event.payload.target_event_id);
  }
  f.bytes_ = std::move(bytes);
  return f;
}

Fact Fact::FromRecorded(const events::RecordedEvent& r) {
  auto fact = FromRecordBytes(events::EncodeRecorded(r));
  CJL_CHECK(fact.ok(), "a record this code encoded has an unreadable head");
  return std::move(*fact);
}

events::RecordedEvent Fact::Decode() const {
  auto record = events::DecodeRecorded(bytes_);
  if (!record.ok()) {
    InvariantFailed("Fact::Decode", __FILE__, __LINE__,
                    "the fact at position " + std::to_string(position_.value()) +
                        " no longer decodes: " + record.error().message());
  }
  return std::move(*record);
}

}  // namespace cjl::projections
