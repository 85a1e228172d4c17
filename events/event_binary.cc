#include "events/event_binary.h"

#include <array>
#include <bit>
#include <cstring>
#include <istream>
#include <ostream>

#include <cereal/archives/portable_binary.hpp>

#include "events/little_endian_reader.h"

namespace cjl::events {
namespace {

// A read-only streambuf over bytes the caller owns, so decoding copies nothing.
class ViewStreambuf : public std::streambuf {
 public:
  explicit ViewStreambuf(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());  // never written: get area only
    setg(begin, begin, begin + bytes.size());
  }
  const char* Next() const { return gptr(); }
  // The next `n` bytes as a view, consumed; nullopt when fewer remain.
  std::optional<std::string_view> Take(std::uint64_t n) {
    if (n > static_cast<std::uint64_t>(egptr() - gptr())) return std::nullopt;
    std::string_view out(gptr(), n);
    setg(eback(), gptr() + n, egptr());
    return out;
  }
};

// A std::istream reading `buf`. Constructing an istream (its locale) costs more than
// decoding a small record, so each thread reuses one; cereal's archives borrow it.
std::istream& StreamOver(ViewStreambuf& buf) {
  thread_local std::istream is(nullptr);
  is.rdbuf(&buf);  // also clears the state flags
  return is;
}

// Loading-only mirrors of the leading members of RecordedEvent and Event: cereal reads
// the same class versions and fields the full types write, and stops after occurred_on.
struct EventHeadProbe {
  ViewStreambuf* buf;
  EnvelopeHead* head;
};
struct RecordedHeadProbe {
  EventHeadProbe event;
};

template <class Archive>
std::string_view LoadStringView(Archive& ar, ViewStreambuf& buf) {
  cereal::size_type size = 0;
  ar(cereal::make_size_tag(size));
  auto view = buf.Take(size);
  if (!view) throw std::runtime_error("truncated string");
  return *view;
}

template <class Archive>
void serialize(Archive& ar, EventHeadProbe& p, std::uint32_t version) {
  if (version > 1) throw UnknownClassVersion("Event version " + std::to_string(version));
  p.head->event_id = LoadStringView(ar, *p.buf);
  std::uint8_t type = 0;
  ar(type);
  if (type >= kEventTypeCount) throw UnknownClassVersion("event type " + std::to_string(type));
  p.head->type = static_cast<EventType>(type);
  p.head->child_id = LoadStringView(ar, *p.buf);
  std::int32_t day = 0;
  ar(day);
  p.head->occurred_on = Date{std::chrono::days{day}};
}

template <class Archive>
void serialize(Archive& ar, RecordedHeadProbe& p, std::uint32_t version) {
  if (version > 1) throw UnknownClassVersion("RecordedEvent version " + std::to_string(version));
  ar(p.event);
}

// A save-only mirror of RecordedEvent that refers to its event: it writes the same class
// version and fields, in the same order, with zero hashes.
struct RecordedEventRef {
  const Event* event;
  LedgerPosition position;
  StreamVersion stream_version;
  std::int64_t recorded_at_us;
};

template <class Archive>
void serialize(Archive& ar, RecordedEventRef& r, std::uint32_t /*version*/) {
  Sha256 no_hash{};
  ar(const_cast<Event&>(*r.event), r.position, r.stream_version, r.recorded_at_us, no_hash,
     no_hash);
}

}  // namespace
}  // namespace cjl::events

// The mirror writes RecordedEvent's class version (declared before its first use).
CEREAL_CLASS_VERSION(cjl::events::RecordedEventRef, 1);

namespace cjl::events {
namespace {

// RecordedEvent's members after the event, in its serialize order (fixed size). Read
// with its own archive rather than through ReadPortable, to keep this per-record step of
// every fold free of the std::function indirection.
void LoadTail(std::string_view bytes, EnvelopeHead& head) {
  // A second archive over cereal's endianness flag followed by the tail.
  std::array<char, 1 + kRecordTailBytes> tail{};
  tail[0] = bytes[1];
  bytes.copy(tail.data() + 1, kRecordTailBytes, bytes.size() - kRecordTailBytes);
  ViewStreambuf buf(std::string_view(tail.data(), tail.size()));
  std::istream& is = StreamOver(buf);
  cereal::PortableBinaryInputArchive ar(is);
  std::int64_t recorded_at_us = 0;
  Sha256 prev_hash{};
  Sha256 hash{};
  ar(head.position, head.stream_version, recorded_at_us, prev_hash, hash);
}

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
void EncodeInto(std::string& out, const T& value) {
  out.clear();
  out.push_back(static_cast<char>(kBinaryFormatVersion));
  AppendPortable(out, [&](cereal::PortableBinaryOutputArchive& ar) {
    ar(const_cast<T&>(value));  // cereal's serialize() is non-const; it does not modify on save
  });
}

template <typename T>
std::string Encode(const T& value) {
  std::string out;
  out.reserve(256);
  EncodeInto(out, value);
  return out;
}

template <typename T>
Result<T> Decode(std::string_view bytes, const char* what) {
  if (bytes.empty()) return Error(ErrorCode::kCorruption, std::string(what) + ": empty record");
  if (static_cast<std::uint8_t>(bytes[0]) != kBinaryFormatVersion) {
    return Error(ErrorCode::kCorruption, std::string(what) + ": unknown record format version " +
                                             std::to_string(static_cast<std::uint8_t>(bytes[0])));
  }
  T value;
  Status read = ReadPortable(
      bytes.substr(1), [&](cereal::PortableBinaryInputArchive& ar) { ar(value); }, what);
  if (!read.ok()) return read.error();
  return value;
}

}  // namespace

Status ReadPortable(std::string_view bytes,
                    const std::function<void(cereal::PortableBinaryInputArchive&)>& read,
                    const char* what) {
  ViewStreambuf buf(bytes);
  std::istream& is = StreamOver(buf);
  try {
    cereal::PortableBinaryInputArchive ar(is);
    read(ar);
  } catch (const std::exception& ex) {
    return Error(ErrorCode::kCorruption, std::string(what) + ": " + ex.what());
  }
  if (is.peek() != std::char_traits<char>::eof()) {
    return Error(ErrorCode::kCorruption, std::string(what) + ": trailing bytes");
  }
  return Status::Ok();
}

void AppendPortable(std::string& out,
                    const std::function<void(cereal::PortableBinaryOutputArchive&)>& write) {
  StringStreambuf buf(out);
  thread_local std::ostream os(nullptr);  // reused, as StreamOver's istream
  os.rdbuf(&buf);
  cereal::PortableBinaryOutputArchive ar(os);
  write(ar);
}

std::string EncodeEvent(const Event& e) { return Encode(e); }
Result<Event> DecodeEvent(std::string_view bytes) { return Decode<Event>(bytes, "event"); }

std::string EncodeRecorded(const RecordedEvent& r) { return Encode(r); }
Result<RecordedEvent> DecodeRecorded(std::string_view bytes) {
  if (!bytes.empty() && static_cast<std::uint8_t>(bytes[0]) == kBinaryFormatVersion) {
    RecordedEvent r;
    if (internal::ReadLittleEndianRecord(bytes, r)) return r;
  }
  return Decode<RecordedEvent>(bytes, "recorded event");  // the reference: reads or rejects
}

namespace internal {

// DecodeEnvelopeHead's fast path (event_binary.h), written by hand because it runs once per record
// of every fold and cereal builds two archives per call. It reads the layout cereal's
// PortableBinary gives EncodeRecorded's bytes on a little-endian host, which is every
// record this code writes: format byte; endianness flag 1; RecordedEvent's and Event's
// class versions (u32, both 1); event_id (u64 length, bytes); type (u8); child_id (u64
// length, bytes); occurred_on (i32 days); ...payload...; the fixed tail (position and
// stream_version as u64 first). Anything else (a big-endian record, other versions, a
// short record) returns nullopt, for cereal's reader to read or to reject.
std::optional<EnvelopeHead> ReadLittleEndianHead(std::string_view bytes) {
  if constexpr (std::endian::native != std::endian::little) return std::nullopt;
  LittleEndianReader in(bytes.substr(1));
  EnvelopeHead head;
  auto little = in.Read<std::uint8_t>();
  auto recorded_version = in.Read<std::uint32_t>();
  auto event_version = in.Read<std::uint32_t>();
  if (little != 1 || recorded_version != 1 || event_version != 1) return std::nullopt;
  auto id_size = in.Read<std::uint64_t>();
  auto id = id_size ? in.Take(*id_size) : std::nullopt;
  auto type = in.Read<std::uint8_t>();
  auto child_size = in.Read<std::uint64_t>();
  auto child = child_size ? in.Take(*child_size) : std::nullopt;
  auto day = in.Read<std::int32_t>();
  if (!id || !type || *type >= kEventTypeCount || !child || !day) return std::nullopt;
  if (in.remaining() < kRecordTailBytes) return std::nullopt;
  LittleEndianReader tail(bytes.substr(bytes.size() - kRecordTailBytes));
  head.event_id = *id;
  head.type = static_cast<EventType>(*type);
  head.child_id = *child;
  head.occurred_on = Date{std::chrono::days{*day}};
  head.position = LedgerPosition(*tail.Read<std::uint64_t>());
  head.stream_version = StreamVersion(*tail.Read<std::uint64_t>());
  return head;
}

}  // namespace internal

Result<EnvelopeHead> DecodeEnvelopeHead(std::string_view bytes) {
  if (bytes.empty() || static_cast<std::uint8_t>(bytes[0]) != kBinaryFormatVersion) {
    return Error(ErrorCode::kCorruption, "recorded event: empty or unknown record format");
  }
  if (auto head = internal::ReadLittleEndianHead(bytes)) return *head;
  ViewStreambuf buf(bytes.substr(1));
  std::istream& is = StreamOver(buf);
  EnvelopeHead head;
  RecordedHeadProbe probe{{&buf, &head}};
  try {
    {
      cereal::PortableBinaryInputArchive ar(is);
      ar(probe);
    }
    const auto head_end = static_cast<std::size_t>(buf.Next() - bytes.data());
    if (bytes.size() < head_end + kRecordTailBytes) throw std::runtime_error("truncated record");
    LoadTail(bytes, head);
  } catch (const std::exception& ex) {
    return Error(ErrorCode::kCorruption, std::string("recorded event head: ") + ex.what());
  }
  return head;
}

std::string EncodeRecordOf(const Event& e, LedgerPosition position, StreamVersion stream_version,
                           std::int64_t recorded_at_us) {
  std::string out;
  out.reserve(256);
  EncodeRecordInto(out, e, position, stream_version, recorded_at_us);
  return out;
}

void EncodeRecordInto(std::string& out, const Event& e, LedgerPosition position,
                      StreamVersion stream_version, std::int64_t recorded_at_us) {
  if (internal::WriteLittleEndianRecord(out, e, position, stream_version, recorded_at_us)) return;
  const RecordedEventRef ref{&e, position, stream_version, recorded_at_us};
  EncodeInto(out, ref);
}

void PatchHashes(std::string& bytes, const Sha256& prev_hash, const Sha256& hash) {
  CJL_CHECK(bytes.size() >= kHashBytes, "PatchHashes: not a recorded event");
  std::copy(prev_hash.begin(), prev_hash.end(), bytes.end() - kHashBytes);
  std::copy(hash.begin(), hash.end(), bytes.end() - kHashBytes / 2);
}

std::string CanonicalBytes(const RecordedEvent& r) {
  std::string bytes = Encode(r);
  bytes.resize(bytes.size() - kHashBytes);
  return bytes;
}

}  // namespace cjl::events
