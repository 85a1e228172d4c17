#include "events/event_binary.h"

#include <gtest/gtest.h>

#include <cstring>
#include <sstream>
#include <utility>
#include <vector>

#include "tests/support/assert_ok.h"
#include "tests/support/sample_events.h"

namespace cjl::events {
namespace {

TEST(EventBinaryTest, EveryEventTypeRoundTrips) {
  for (int t = 0; t < kEventTypeCount; ++t) {
    Event e = testing::SampleEvent(static_cast<EventType>(t));
    auto back = DecodeEvent(EncodeEvent(e));
    ASSERT_OK(back);
    EXPECT_EQ(*back, e) << EventTypeName(e.type);
  }
}

TEST(EventBinaryTest, RecordedEventRoundTripsWithLedgerFields) {
  RecordedEvent r{testing::SampleEvent(EventType::kPlacementMoved),
                  LedgerPosition(42),
                  StreamVersion(7),
                  1700000000123456,
                  {},
                  {}};
  r.prev_hash.fill(0xab);
  r.hash.fill(0xcd);
  auto back = DecodeRecorded(EncodeRecorded(r));
  ASSERT_OK(back);
  EXPECT_EQ(*back, r);
}

TEST(EventBinaryTest, RecordOfAnEventIsTheRecordedEncodingAndTakesItsHashes) {
  for (int t = 0; t < kEventTypeCount; ++t) {
    RecordedEvent r{testing::SampleEvent(static_cast<EventType>(t)),
                    LedgerPosition(9),
                    StreamVersion(3),
                    1700000000123456,
                    {},
                    {}};
    std::string bytes = EncodeRecordOf(r.event, r.position, r.stream_version, r.recorded_at_us);
    EXPECT_EQ(bytes, EncodeRecorded(r)) << EventTypeName(r.event.type);
    r.prev_hash.fill(0x11);
    r.hash.fill(0x22);
    PatchHashes(bytes, r.prev_hash, r.hash);
    EXPECT_EQ(bytes, EncodeRecorded(r)) << EventTypeName(r.event.type);
  }
}

// Every event type as a record, its optional fields as sampled, absent, and flipped (with
// a long non-ASCII source), each with a label for failure messages.
std::vector<std::pair<std::string, RecordedEvent>> RecordVariants(bool with_hashes) {
  enum Variant { kSample, kAbsent, kOther };
  std::vector<std::pair<std::string, RecordedEvent>> records;
  for (int t = 0; t < kEventTypeCount; ++t) {
    for (Variant variant : {kSample, kAbsent, kOther}) {
      RecordedEvent r{testing::SampleEvent(static_cast<EventType>(t)),
                      LedgerPosition(0x0102030405060708),
                      StreamVersion(0x1112131415161718),
                      -1700000000123456,
                      {},
                      {}};
      if (with_hashes) {
        r.prev_hash.fill(0xab);
        r.hash.fill(0xcd);
      }
      Payload& p = r.event.payload;
      if (variant == kAbsent) {
        p.date_of_birth.reset();
        p.weeks.reset();
        p.by_foster_carers.reset();
        p.placement.reset();
        p.ended_on.reset();
      } else if (variant == kOther) {
        r.event.source = std::string(300, 's') + "é";
        if (p.by_foster_carers) p.by_foster_carers = !*p.by_foster_carers;
        if (p.weeks) p.weeks = -*p.weeks;
      }
      records.emplace_back(std::string(EventTypeName(r.event.type)) + " " +
                               std::to_string(static_cast<int>(variant)),
                           std::move(r));
    }
  }
  return records;
}

// The hand-written record writer (record_writer.cc) must write cereal's bytes exactly:
// every type, each optional field as in the samples, absent, and with the other value
// (a flag flipped), a text longer than 255 bytes, and values whose bytes all differ.
TEST(EventBinaryTest, TheRecordWriterWritesCerealsBytes) {
  for (const auto& [label, r] : RecordVariants(/*with_hashes=*/false)) {
    std::string written = "left over";
    ASSERT_TRUE(internal::WriteLittleEndianRecord(written, r.event, r.position, r.stream_version,
                                                  r.recorded_at_us));
    EXPECT_EQ(written, EncodeRecorded(r)) << label;
  }
}

// The hand-written reader against cereal's bytes (every record of RecordVariants); and it
// gives up (for cereal to read or reject) on any record that is not whole and exactly so.
TEST(EventBinaryTest, TheRecordReaderReadsCerealsBytes) {
  for (const auto& [label, r] : RecordVariants(/*with_hashes=*/true)) {
    const std::string bytes = EncodeRecorded(r);
    RecordedEvent read;
    ASSERT_TRUE(internal::ReadLittleEndianRecord(bytes, read)) << label;
    EXPECT_EQ(read, r) << label;
    for (std::size_t size = 0; size < bytes.size(); ++size) {
      RecordedEvent cut;
      ASSERT_FALSE(internal::ReadLittleEndianRecord(bytes.substr(0, size), cut)) << label << size;
    }
    RecordedEvent longer;
    EXPECT_FALSE(internal::ReadLittleEndianRecord(bytes + "x", longer)) << label;
  }
}

TEST(EventBinaryTest, TheRecordReaderLeavesOtherVersionsAndFlagsToCereal) {
  RecordedEvent r{
      testing::SampleEvent(EventType::kReviewHeld), LedgerPosition(1), StreamVersion(1), 5, {}, {}};
  const std::string bytes = EncodeRecorded(r);
  // After the format byte: the endianness flag (1), RecordedEvent's class version (2-5),
  // Event's (6-9).
  for (std::size_t at : {std::size_t{1}, std::size_t{2}, std::size_t{6}}) {
    std::string other = bytes;
    other[at] = 9;
    RecordedEvent read;
    EXPECT_FALSE(internal::ReadLittleEndianRecord(other, read)) << at;
    auto decoded = DecodeRecorded(other);  // cereal's answer stands
    EXPECT_FALSE(decoded.ok()) << at;
  }
  // The type byte, after event_id's length and bytes: an unknown type.
  std::string unknown_type = bytes;
  unknown_type[10 + 8 + r.event.event_id.size()] = static_cast<char>(kEventTypeCount);
  RecordedEvent read;
  EXPECT_FALSE(internal::ReadLittleEndianRecord(unknown_type, read));
  EXPECT_FALSE(DecodeRecorded(unknown_type).ok());
  // Through DecodeRecorded: a short or a longer record is an error, never half-read.
  EXPECT_EQ(DecodeRecorded(bytes.substr(0, bytes.size() - 1)).error().code(),
            ErrorCode::kCorruption);
  EXPECT_EQ(DecodeRecorded(bytes + "x").error().code(), ErrorCode::kCorruption);
}

// Where two encodings of one event first differ: the optional field's "nullopt" flag
// when one has the field and the other does not.
std::size_t FirstDifference(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

TEST(EventBinaryTest, TheRecordReaderLeavesOddFlagsTextsAndPlacementVersionsToCereal) {
  RecordedEvent with{testing::SampleEvent(EventType::kCareProceedingsExtended),
                     LedgerPosition(1),
                     StreamVersion(1),
                     5,
                     {},
                     {}};
  ASSERT_TRUE(with.event.payload.weeks);
  RecordedEvent without = with;
  without.event.payload.weeks.reset();
  std::string odd_flag = EncodeRecorded(with);
  odd_flag[FirstDifference(odd_flag, EncodeRecorded(without))] = 2;  // neither 0 nor 1
  RecordedEvent read;
  EXPECT_FALSE(internal::ReadLittleEndianRecord(odd_flag, read));

  RecordedEvent long_text = with;
  long_text.event.source = std::string(kMaxEncodedText + 1, 's');
  const std::string long_bytes = EncodeRecorded(long_text);
  EXPECT_FALSE(internal::ReadLittleEndianRecord(long_bytes, read));
  EXPECT_FALSE(DecodeRecorded(long_bytes).ok());

  RecordedEvent placed{testing::SampleEvent(EventType::kPlacementMoved),
                       LedgerPosition(1),
                       StreamVersion(1),
                       5,
                       {},
                       {}};
  RecordedEvent unplaced = placed;
  unplaced.event.payload.placement.reset();
  const std::string placed_bytes = EncodeRecorded(placed);
  const std::size_t version_at = FirstDifference(placed_bytes, EncodeRecorded(unplaced)) + 1;
  std::string newer = placed_bytes;
  newer[version_at] = 9;
  EXPECT_FALSE(internal::ReadLittleEndianRecord(newer, read));
  EXPECT_FALSE(DecodeRecorded(newer).ok());
  std::string zero = placed_bytes;  // cereal reads version 0 as it reads 1
  zero[version_at] = 0;
  EXPECT_FALSE(internal::ReadLittleEndianRecord(zero, read));
  auto from_cereal = DecodeRecorded(zero);
  ASSERT_OK(from_cereal);
  EXPECT_EQ(*from_cereal, placed);
}

TEST(EventBinaryTest, ADamagedTextLengthIsRejectedBeforeAnythingIsAllocated) {
  Event e = testing::SampleEvent(EventType::kReviewHeld);
  std::string bytes = EncodeEvent(e);
  // format byte, cereal's endianness byte, Event's class version (4), then event_id's
  // length (8, little-endian).
  constexpr std::size_t kIdLength = 1 + 1 + 4;
  std::uint64_t length = 0;
  std::memcpy(&length, bytes.data() + kIdLength, sizeof length);
  ASSERT_EQ(length, e.event_id.size());
  length = std::uint64_t{1} << 32;  // what one flipped bit of a length can spell
  std::memcpy(bytes.data() + kIdLength, &length, sizeof length);
  auto back = DecodeEvent(bytes);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code(), ErrorCode::kCorruption);
  EXPECT_NE(back.error().message().find("text field of 4294967296 bytes"), std::string::npos)
      << back.error().message();
}

TEST(EventBinaryTest, UnknownFormatVersionIsRejectedNotHalfRead) {
  std::string bytes = EncodeEvent(testing::SampleEvent(EventType::kReviewHeld));
  bytes[0] = static_cast<char>(kBinaryFormatVersion + 1);
  auto back = DecodeEvent(bytes);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code(), ErrorCode::kCorruption);
}

TEST(EventBinaryTest, TrailingBytesAreRejected) {
  std::string bytes = EncodeEvent(testing::SampleEvent(EventType::kReviewHeld)) + "x";
  EXPECT_FALSE(DecodeEvent(bytes).ok());
}

TEST(EventBinaryTest, TruncatedRecordIsRejected) {
  std::string bytes = EncodeEvent(testing::SampleEvent(EventType::kPeriodOfCareStarted));
  EXPECT_FALSE(DecodeEvent(bytes.substr(0, bytes.size() / 2)).ok());
}

TEST(EventBinaryTest, NewerClassVersionIsRejected) {
  // Hand-patch the Event class version that cereal writes after the format byte.
  std::string bytes = EncodeEvent(testing::SampleEvent(EventType::kReviewHeld));
  // Portable binary: 1 byte endianness flag, then the uint32 class version of Event.
  bytes[2] = 9;
  auto back = DecodeEvent(bytes);
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.error().message().find("version"), std::string::npos) << back.error().message();
}

TEST(EventBinaryTest, CanonicalBytesIgnoreTheHashes) {
  RecordedEvent r{
      testing::SampleEvent(EventType::kReviewHeld), LedgerPosition(1), StreamVersion(1), 5, {}, {}};
  std::string before = CanonicalBytes(r);
  r.hash.fill(1);
  r.prev_hash.fill(2);
  EXPECT_EQ(CanonicalBytes(r), before);
  r.stream_version = StreamVersion(2);
  EXPECT_NE(CanonicalBytes(r), before);
}

void ExpectHeadOf(const EnvelopeHead& head, const RecordedEvent& r) {
  EXPECT_EQ(head.event_id, r.event.event_id);
  EXPECT_EQ(head.type, r.event.type);
  EXPECT_EQ(head.child_id, r.event.child_id);
  EXPECT_EQ(head.occurred_on, r.event.occurred_on);
  EXPECT_EQ(head.position, r.position);
  EXPECT_EQ(head.stream_version, r.stream_version);
}

TEST(EventBinaryTest, EnvelopeHeadReadsTheLeadingFieldsOfEveryType) {
  for (int t = 0; t < kEventTypeCount; ++t) {
    RecordedEvent r{testing::SampleEvent(static_cast<EventType>(t)),
                    LedgerPosition(3),
                    StreamVersion(2),
                    7,
                    {},
                    {}};
    const std::string bytes = EncodeRecorded(r);
    ASSERT_TRUE(internal::ReadLittleEndianHead(bytes).has_value())
        << EventTypeName(r.event.type) << ": the fast path must read what this code writes";
    auto head = DecodeEnvelopeHead(bytes);
    ASSERT_OK(head);
    ExpectHeadOf(*head, r);
  }
}

// Records written on a big-endian host take cereal's reader rather than the hand-read
// little-endian layout; both must give the same head.
TEST(EventBinaryTest, EnvelopeHeadOfABigEndianRecordIsReadByCereal) {
  for (int t = 0; t < kEventTypeCount; ++t) {
    RecordedEvent r{testing::SampleEvent(static_cast<EventType>(t)),
                    LedgerPosition(300),
                    StreamVersion(20),
                    7,
                    {},
                    {}};
    std::ostringstream os;
    {
      cereal::PortableBinaryOutputArchive ar(
          os, cereal::PortableBinaryOutputArchive::Options::BigEndian());
      ar(r);
    }
    const std::string bytes = std::string(1, static_cast<char>(kBinaryFormatVersion)) + os.str();
    ASSERT_NE(bytes, EncodeRecorded(r));
    ASSERT_FALSE(internal::ReadLittleEndianHead(bytes).has_value());
    auto head = DecodeEnvelopeHead(bytes);
    ASSERT_OK(head);
    ExpectHeadOf(*head, r);
    auto whole = DecodeRecorded(bytes);
    ASSERT_OK(whole);
    EXPECT_EQ(*whole, r);
  }
}

TEST(EventBinaryTest, EnvelopeHeadRejectsUnknownFormatVersionAndTruncation) {
  RecordedEvent r{
      testing::SampleEvent(EventType::kReviewHeld), LedgerPosition(1), StreamVersion(1), 5, {}, {}};
  std::string bytes = EncodeRecorded(r);
  EXPECT_FALSE(DecodeEnvelopeHead(bytes.substr(0, 12)).ok());
  EXPECT_FALSE(DecodeEnvelopeHead(bytes.substr(0, bytes.size() - kRecordTailBytes)).ok());
  // Byte 2 starts RecordedEvent's class version (after the format byte and cereal's
  // endianness flag).
  std::string newer = bytes;
  newer[2] = 9;
  EXPECT_FALSE(DecodeEnvelopeHead(newer).ok());
  bytes[0] = static_cast<char>(kBinaryFormatVersion + 1);
  EXPECT_FALSE(DecodeEnvelopeHead(bytes).ok());
}

}  // namespace
}  // namespace cjl::events
