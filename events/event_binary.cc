#include "events/event_binary.h"

#include <sstream>

#include <cereal/archives/portable_binary.hpp>

namespace cjl::events {
namespace {

template <typename T>
std::string Encode(const T& value) {
  std::ostringstream os;
  os.put(static_cast<char>(kBinaryFormatVersion));
  {
    cereal::PortableBinaryOutputArchive ar(os);
    ar(const_cast<T&>(value));  // cereal's serialize() is non-const; it does not modify on save
  }
  return std::move(os).str();
}

template <typename T>
Result<T> Decode(std::string_view bytes, const char* what) {
  if (bytes.empty()) return Error(ErrorCode::kCorruption, std::string(what) + ": empty record");
  if (static_cast<std::uint8_t>(bytes[0]) != kBinaryFormatVersion) {
    return Error(ErrorCode::kCorruption, std::string(what) + ": unknown record format version " +
                                             std::to_string(static_cast<std::uint8_t>(bytes[0])));
  }
  std::istringstream is(std::string(bytes.substr(1)));
  T value;
  try {
    cereal::PortableBinaryInputArchive ar(is);
    ar(value);
  } catch (const std::exception& ex) {
    return Error(ErrorCode::kCorruption, std::string(what) + ": " + ex.what());
  }
  if (is.peek() != std::char_traits<char>::eof()) {
    return Error(ErrorCode::kCorruption, std::string(what) + ": trailing bytes");
  }
  return value;
}

}  // namespace

std::string EncodeEvent(const Event& e) { return Encode(e); }
Result<Event> DecodeEvent(std::string_view bytes) { return Decode<Event>(bytes, "event"); }

std::string EncodeRecorded(const RecordedEvent& r) { return Encode(r); }
Result<RecordedEvent> DecodeRecorded(std::string_view bytes) {
  return Decode<RecordedEvent>(bytes, "recorded event");
}

std::string CanonicalBytes(const RecordedEvent& r) {
  RecordedEvent copy = r;
  copy.prev_hash = {};
  copy.hash = {};
  return Encode(copy);
}

}  // namespace cjl::events
