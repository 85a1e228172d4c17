// Tests of Fact: the reducer's compact form of a recorded event.
#include "projections/fact.h"

#include <gtest/gtest.h>

#include "events/event_binary.h"
#include "tests/support/event_builders.h"

namespace cjl::projections {
namespace {

events::RecordedEvent Recorded(events::Event e, std::uint64_t position, std::uint64_t version) {
  events::RecordedEvent r;
  r.event = std::move(e);
  r.position = LedgerPosition(position);
  r.stream_version = StreamVersion(version);
  r.recorded_at_us = 1700000000000000;
  r.hash.fill(0x5a);
  return r;
}

TEST(Fact, KeepsTheEnvelopeAndDecodesToTheSameRecord) {
  const auto r = Recorded(cjl::testing::Moved("m-17", "C9", "2022-03-04", "U4", "K1"), 41, 3);
  const Fact f = Fact::FromRecorded(r);
  EXPECT_EQ(f.event_id(), "m-17");
  EXPECT_EQ(f.child_id(), "C9");
  EXPECT_EQ(f.type(), events::EventType::kPlacementMoved);
  EXPECT_EQ(f.occurred_on(), cjl::testing::D("2022-03-04"));
  EXPECT_EQ(f.position(), LedgerPosition(41));
  EXPECT_EQ(f.stream_version(), StreamVersion(3));
  EXPECT_TRUE(f.target_event_id().empty());
  EXPECT_EQ(f.Decode(), r);
  EXPECT_EQ(f.bytes(), events::EncodeRecorded(r)) << "a fact holds the ledger's own bytes";
}

TEST(Fact, ARetractionKnowsItsTarget) {
  const auto r = Recorded(cjl::testing::Retracted("x-1", "C9", "2022-03-05", "m-17"), 42, 4);
  auto f = Fact::FromRecordBytes(events::EncodeRecorded(r));
  ASSERT_TRUE(f.ok()) << f.error().ToString();
  EXPECT_EQ(f->target_event_id(), "m-17");
}

TEST(Fact, BytesThatAreNotARecordAreCorruption) {
  const std::string bytes =
      events::EncodeRecorded(Recorded(cjl::testing::CareStarted("s-1", "C1", "2022-01-10"), 1, 1));
  for (const std::string& bad : {std::string(), std::string("\x01"), bytes.substr(0, 20),
                                 std::string("\x07") + bytes.substr(1)}) {
    auto f = Fact::FromRecordBytes(bad);
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().code(), ErrorCode::kCorruption);
  }
}

}  // namespace
}  // namespace cjl::projections
