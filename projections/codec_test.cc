// Tests of the ChildFacts binary form and of the child report.
#include "projections/child_facts_codec.h"

#include <sstream>

#include <gtest/gtest.h>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "events/event_binary.h"

#include "projections/child_report.h"
#include "projections/test_events.h"

namespace cjl::projections {
namespace {

using testing::Child;
using testing::D;
using testing::EventLog;

ChildFacts Sample() {
  EventLog log;
  Child c(log, "C1");
  c.Born("2015-01-01").Starts("2021-01-01", "C2", "U4", "F1").Review("2021-01-20");
  c.Retracts("2021-01-21", c.last_id());
  c.Retracts("2021-01-22", "not-yet-seen");
  c.Moves("2021-03-01", "U4", "F2", "CREQB");
  return log.Facts("C1");
}

TEST(ChildFactsCodec, RoundTripsEveryMember) {
  const ChildFacts f = Sample();
  auto decoded = DecodeChildFacts(EncodeChildFacts(f));
  ASSERT_TRUE(decoded.ok()) << decoded.error().ToString();
  EXPECT_EQ(*decoded, f);
  EXPECT_TRUE(decoded->retracted_ids.count("not-yet-seen"));
}

TEST(ChildFactsCodec, RejectsUnknownVersionTruncationAndTrailingBytes) {
  const std::string bytes = EncodeChildFacts(Sample());
  std::string wrong_version = bytes;
  wrong_version[0] = 9;
  EXPECT_EQ(DecodeChildFacts(wrong_version).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(DecodeChildFacts(bytes.substr(0, bytes.size() / 2)).error().code(),
            ErrorCode::kCorruption);
  EXPECT_EQ(DecodeChildFacts(bytes + "x").error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(DecodeChildFacts("").error().code(), ErrorCode::kCorruption);
}

TEST(ChildFactsCodec, ReadsFormatVersionOne) {
  // Version 1 held each record decoded: child_id, then a vector of RecordedEvent.
  const ChildFacts f = Sample();
  std::vector<events::RecordedEvent> all;
  for (const auto* list : {&f.facts, &f.withheld, &f.retractions}) {
    for (const Fact& fact : *list) all.push_back(fact.Decode());
  }
  std::ostringstream out(std::ios::binary);
  out.put(1);
  {
    cereal::PortableBinaryOutputArchive ar(out);
    ar(f.child_id, all);
  }
  auto decoded = DecodeChildFacts(out.str());
  ASSERT_TRUE(decoded.ok()) << decoded.error().ToString();
  EXPECT_EQ(*decoded, f);
}

TEST(ChildReport, ShowsEpisodesPlacementsAndTheTracker) {
  const ChildFacts f = Sample();
  const auto r = ChildReportJson(f, D("2021-06-01"), TrackerSettings{}, CountingProfile::kDfe);
  EXPECT_EQ(r["child_id"], "C1");
  EXPECT_EQ(r["looked_after"], true);
  ASSERT_EQ(r["periods_of_care"].size(), 1u);
  const auto& p = r["periods_of_care"][0];
  EXPECT_EQ(p["episodes"].size(), 2u);
  EXPECT_EQ(p["episodes"][1]["rne"], "P");
  EXPECT_EQ(p["placements"][0]["reason_ended"], "CREQB");
  EXPECT_TRUE(p["reviews"].empty());  // the review was retracted
  EXPECT_EQ(r["stability"]["placements_in_12_months"], 2);
  EXPECT_EQ(r["tracker"]["child_id"], "C1");
  const std::string text = ChildReportText(f, D("2021-06-01"));
  EXPECT_NE(text.find("Child C1 as at 2021-06-01"), std::string::npos);
  EXPECT_NE(text.find("first_review"), std::string::npos);
}

}  // namespace
}  // namespace cjl::projections
