#include "events/event_binary.h"

#include <sstream>

#include <cereal/archives/portable_binary.hpp>

namespace cjl::events {
namespace {

// A read-only streambuf over bytes the caller owns, so decoding copies nothing.
class ViewStreambuf : public std::streambuf {
 public:
  explicit ViewStreambuf(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());  // never written: get area only
    setg(begin, begin, begin + bytes.size());
  }
};

// An output streambuf appending to a std::string (ostringstream copies on str()).
class StringStreambuf : public std::streambuf {
 public:
  explicit StringStreambuf(std::string& out) : out_(out) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_.append(s, static_cast<std::size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) out_.push_back(static_cast<char>(c));
    return c;
  }

 private:
  std::string& out_;
};

template <typename T>
std::string Encode(const T& value) {
  std::string out;
  out.reserve(256);
  out.push_back(static_cast<char>(kBinaryFormatVersion));
  StringStreambuf buf(out);
  std::ostream os(&buf);
  {
    cereal::PortableBinaryOutputArchive ar(os);
    ar(const_cast<T&>(value));  // cereal's serialize() is non-const; it does not modify on save
  }
  return out;
}

template <typename T>
Result<T> Decode(std::string_view bytes, const char* what) {
  if (bytes.empty()) return Error(ErrorCode::kCorruption, std::string(what) + ": empty record");
  if (static_cast<std::uint8_t>(bytes[0]) != kBinaryFormatVersion) {
    return Error(ErrorCode::kCorruption, std::string(what) + ": unknown record format version " +
                                             std::to_string(static_cast<std::uint8_t>(bytes[0])));
  }
  ViewStreambuf buf(bytes.substr(1));
  std::istream is(&buf);
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
  std::string bytes = Encode(r);
  bytes.resize(bytes.size() - kHashBytes);
  return bytes;
}

}  // namespace cjl::events
