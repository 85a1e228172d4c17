// Every 903 -> event mapping rule, on small CSV files written in the test.
#include "ops/ssda903/child_mapping.h"

#include <gtest/gtest.h>

#include "ops/ssda903/test_files.h"
#include "tests/support/temp_dir.h"

namespace cjl::ssda903 {
namespace {

using events::EventType;
using testing::MapDirectory;
using testing::WriteFile;

Date D(int y, unsigned m, unsigned d) { return MakeDate(y, m, d); }

class ChildMappingTest : public ::testing::Test {
 protected:
  void Episodes(const std::string& rows) {
    WriteFile(dir_.Sub("episodes.csv"), std::string(testing::kEpisodeColumns) + rows);
  }
  void File(const std::string& name, const char* columns, const std::string& rows) {
    WriteFile(dir_.Sub(name), std::string(columns) + rows);
  }
  testing::MappedReturn Map() { return MapDirectory(dir_.path().string()); }
  cjl::testing::TempDir dir_;
};

TEST_F(ChildMappingTest, HeaderBecomesChildRegisteredOnTheDateOfBirth) {
  File("Header.CSV", testing::kHeaderColumns, "C1,1,01/02/2015,WBRI,,,\nC2,2,2016-03-04,BAFR,,,\n");
  auto m = Map();
  ASSERT_TRUE(m.rejects.empty());
  auto reg = m.OfType(EventType::kChildRegistered);
  ASSERT_EQ(reg.size(), 2u);
  EXPECT_EQ(reg[0].child_id, "C1");
  EXPECT_EQ(reg[0].occurred_on, D(2015, 2, 1));
  EXPECT_EQ(reg[0].payload.date_of_birth, D(2015, 2, 1));
  EXPECT_EQ(reg[0].payload.sex, "M");
  EXPECT_EQ(reg[0].payload.ethnicity, "WBRI");
  EXPECT_EQ(reg[1].payload.sex, "F");
}

TEST_F(ChildMappingTest, EpisodeChainMapsRneToStartMovesAndLegalStatus) {
  Episodes(
      "C1,01/04/2020,S,C1,N1,U6,PR1,01/06/2020,X1,CREQB,,TS1,\n"     // start
      "C1,01/06/2020,P,C1,N1,U6,PR4,01/09/2020,X1,CARPL,,TS2,\n"     // new carer
      "C1,01/09/2020,T,C1,N1,U4,PR4,01/10/2020,X1,,,TS2,\n"          // same carer, long-term
      "C1,01/10/2020,L,C2,N1,U4,PR4,01/11/2020,X1,CHILD,,TS2,\n"     // legal status only
      "C1,01/11/2020,B,V2,N1,K2,PR4,01/12/2020,X1,,,TS3,SC123456\n"  // both, new carer
      "C1,01/12/2020,U,C2,N1,K1,PR4,,,,,TS3,SC123456\n");            // both, same carer
  auto m = Map();
  ASSERT_TRUE(m.rejects.empty()) << m.rejects[0].reason;
  ASSERT_EQ(m.events.size(), 8u);
  const auto& start = m.events[0];
  EXPECT_EQ(start.type, EventType::kPeriodOfCareStarted);
  EXPECT_EQ(start.payload.legal_status, "C1");
  EXPECT_EQ(start.payload.category_of_need, "N1");
  EXPECT_EQ(start.payload.placement->placement_type, "U6");
  EXPECT_EQ(start.payload.placement->provider, "PR1");
  EXPECT_EQ(start.payload.placement->postcode_district, "TS1");
  const std::string first_carer = start.payload.placement->carer_id;
  EXPECT_EQ(first_carer, "C1.20200401");

  const auto& p = m.events[1];
  EXPECT_EQ(p.type, EventType::kPlacementMoved);
  EXPECT_EQ(p.occurred_on, D(2020, 6, 1));
  EXPECT_EQ(p.payload.reason_previous_ended, "CREQB");  // the ending episode's reason
  EXPECT_NE(p.payload.placement->carer_id, first_carer);

  const auto& t = m.events[2];
  EXPECT_EQ(t.type, EventType::kPlacementMoved);
  EXPECT_EQ(t.payload.placement->carer_id, p.payload.placement->carer_id);
  EXPECT_EQ(t.payload.placement->placement_type, "U4");
  EXPECT_EQ(t.payload.reason_previous_ended, "CARPL");

  EXPECT_EQ(m.events[3].type, EventType::kLegalStatusChanged);
  EXPECT_EQ(m.events[3].payload.legal_status, "C2");

  EXPECT_EQ(m.events[4].type, EventType::kLegalStatusChanged);  // B: status, then the move
  EXPECT_EQ(m.events[4].payload.legal_status, "V2");
  EXPECT_EQ(m.events[5].type, EventType::kPlacementMoved);
  EXPECT_EQ(m.events[5].payload.reason_previous_ended, "CHILD");
  EXPECT_EQ(m.events[5].payload.placement->urn, "SC123456");
  EXPECT_NE(m.events[5].payload.placement->carer_id, t.payload.placement->carer_id);

  EXPECT_EQ(m.events[6].type, EventType::kLegalStatusChanged);  // U: same carer
  EXPECT_EQ(m.events[7].payload.placement->carer_id, m.events[5].payload.placement->carer_id);
  EXPECT_EQ(m.events[7].payload.placement->placement_type, "K1");
}

TEST_F(ChildMappingTest, PlacementOrderAndAdoptionChainToAdoptionOrder) {
  Episodes(
      "C1,01/04/2019,S,C1,N1,U5,PR1,01/01/2020,X1,,,TS1,\n"
      "C1,01/01/2020,L,E1,N1,U5,PR1,01/03/2020,X1,CARPL,,TS1,\n"
      "C1,01/03/2020,T,E1,N1,A5,PR1,01/10/2020,E12,,,TS1,\n");
  File("ad1.csv", testing::kAd1Columns, "C1,01/01/2019,01/11/2019,01/02/2020,1,2,MF,L0\n");
  File("placed_for_adoption.csv", testing::kPlacedColumns, "C1,01/01/2019,01/11/2019,,\n");
  auto m = Map();
  ASSERT_TRUE(m.rejects.empty()) << m.rejects[0].reason;
  auto po = m.OfType(EventType::kPlacementOrderMade);
  ASSERT_EQ(po.size(), 1u);
  EXPECT_EQ(po[0].occurred_on, D(2020, 1, 1));
  EXPECT_TRUE(m.OfType(EventType::kLegalStatusChanged).empty());
  auto placed = m.OfType(EventType::kPlacedForAdoption);
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].payload.placement->placement_type, "A5");
  EXPECT_EQ(placed[0].payload.placement->carer_id, "C1.20190401");  // the foster carers
  auto adm = m.OfType(EventType::kAgencyDecisionMade);
  ASSERT_EQ(adm.size(), 1u) << "AD1 DATE_INT and DATE_PLACED on one day are one fact";
  EXPECT_EQ(adm[0].occurred_on, D(2019, 11, 1));
  auto match = m.OfType(EventType::kMatchedWithAdopters);
  ASSERT_EQ(match.size(), 1u);
  EXPECT_EQ(match[0].occurred_on, D(2020, 2, 1));
  auto order = m.OfType(EventType::kAdoptionOrderGranted);
  ASSERT_EQ(order.size(), 1u);
  EXPECT_EQ(order[0].occurred_on, D(2020, 10, 1));
  EXPECT_EQ(order[0].payload.consent, "dispensed_with");
  EXPECT_EQ(order[0].payload.by_foster_carers, true);
}

TEST_F(ChildMappingTest, EachEndingReasonHasItsEvent) {
  Episodes(
      "A,01/04/2020,S,C2,N1,A6,PR1,01/05/2020,E11,,,,\n"
      "B,01/04/2020,S,C2,N1,U3,PR1,01/05/2020,E41,,,,\n"
      "C,01/04/2020,S,C2,N1,U3,PR1,01/05/2020,E45,,,,\n"
      "D,01/04/2020,S,C2,N1,U6,PR1,01/05/2020,E46,,,,\n"
      "E,01/04/2020,S,C2,N1,U6,PR1,01/05/2020,E47,,,,\n"
      "F,01/04/2020,S,C2,N1,U6,PR1,01/05/2020,E48,,,,\n"
      "G,01/04/2020,S,C2,N1,U6,PR1,01/05/2020,E43,,,,\n"
      "H,01/04/2020,S,C2,N1,U6,PR1,01/05/2020,E44,,,,\n"
      "I,01/04/2020,S,V2,N1,U6,PR1,01/05/2020,E4A,,,,\n");
  auto m = Map();
  ASSERT_TRUE(m.rejects.empty()) << m.rejects[0].reason;
  std::map<std::string, std::string> ending;  // child -> type:detail
  for (const auto& e : m.events) {
    if (e.type == EventType::kPeriodOfCareStarted) continue;
    ending[e.child_id] = std::string(events::EventTypeName(e.type)) + ":" + e.payload.consent +
                         e.payload.carer + e.payload.reason;
  }
  EXPECT_EQ(ending["A"], "AdoptionOrderGranted:unopposed");
  EXPECT_EQ(ending["B"], "ChildArrangementsOrderGranted:");
  EXPECT_EQ(ending["C"], "SpecialGuardianshipOrderGranted:former_foster_carer_relative_or_friend");
  EXPECT_EQ(ending["D"], "SpecialGuardianshipOrderGranted:former_foster_carer_other");
  EXPECT_EQ(ending["E"], "SpecialGuardianshipOrderGranted:other_relative_or_friend");
  EXPECT_EQ(ending["F"], "SpecialGuardianshipOrderGranted:other");
  EXPECT_EQ(ending["G"], "SpecialGuardianshipOrderGranted:former_foster_carer_other");
  EXPECT_EQ(ending["H"], "SpecialGuardianshipOrderGranted:other");
  EXPECT_EQ(ending["I"], "PeriodOfCareEnded:E4A");
}

TEST_F(ChildMappingTest, TemporaryPlacementReturnKeepsTheCarerAndHasNoReasons) {
  Episodes(
      "C1,01/04/2020,S,C2,N1,U6,PR1,01/06/2020,X1,,,TS1,\n"
      "C1,01/06/2020,P,C2,N1,T2,,10/06/2020,X1,,,,\n"
      "C1,10/06/2020,P,C2,N1,U6,PR1,,,,,TS1,\n");
  auto m = Map();
  ASSERT_TRUE(m.rejects.empty()) << m.rejects[0].reason;
  ASSERT_EQ(m.events.size(), 3u);
  const std::string carer = m.events[0].payload.placement->carer_id;
  EXPECT_NE(m.events[1].payload.placement->carer_id, carer);
  EXPECT_EQ(m.events[2].payload.placement->carer_id, carer);
  EXPECT_EQ(m.events[1].payload.reason_previous_ended, "");
  EXPECT_EQ(m.events[2].payload.reason_previous_ended, "");
}

TEST_F(ChildMappingTest, ReviewsMissingAndReversedDecisions) {
  Episodes("C1,01/04/2020,S,C2,N1,U6,PR1,,,,,,\n");
  File("reviews.csv", testing::kReviewColumns,
       "C1,01/01/2010,20/04/2020,PN1\nC1,01/01/2010,20/07/2020,\n");
  File("missing.csv", testing::kMissingColumns,
       "C1,01/01/2010,M,01/05/2020,03/05/2020\nC1,01/01/2010,A,01/06/2020,\n");
  File("placed_for_adoption.csv", testing::kPlacedColumns,
       "C1,01/01/2010,01/05/2020,01/09/2020,RD1\n");
  auto m = Map();
  ASSERT_TRUE(m.rejects.empty()) << m.rejects[0].reason;
  auto reviews = m.OfType(EventType::kReviewHeld);
  ASSERT_EQ(reviews.size(), 2u);
  EXPECT_EQ(reviews[0].payload.participation, "PN1");
  EXPECT_EQ(reviews[1].payload.participation, "");
  auto missing = m.OfType(EventType::kMissingEpisodeRecorded);
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0].payload.kind, "M");
  EXPECT_EQ(missing[0].payload.ended_on, D(2020, 5, 3));
  EXPECT_EQ(missing[1].payload.kind, "A");
  EXPECT_FALSE(missing[1].payload.ended_on.has_value());
  auto reversed = m.OfType(EventType::kAdoptionDecisionReversed);
  ASSERT_EQ(reversed.size(), 1u);
  EXPECT_EQ(reversed[0].payload.reason, "RD1");
  for (std::size_t i = 1; i < m.events.size(); ++i) {
    EXPECT_LE(m.events[i - 1].occurred_on, m.events[i].occurred_on);
  }
}

TEST_F(ChildMappingTest, EpisodesRepeatedAcrossYearsAreOneFactWithStableIds) {
  std::filesystem::create_directories(dir_.Sub("2021"));
  std::filesystem::create_directories(dir_.Sub("2022"));
  // Open at the end of 2020-21, closed in 2021-22; identical rows repeated.
  WriteFile(dir_.Sub("2021/episodes.csv"),
            std::string(testing::kEpisodeColumns) + "C1,01/04/2020,S,C2,N1,U6,PR1,,,,,,\n");
  WriteFile(dir_.Sub("2022/episodes.csv"),
            std::string(testing::kEpisodeColumns) +
                "C1,01/04/2020,S,C2,N1,U6,PR1,01/06/2021,X1,CARPL,,,\n"
                "C1,01/06/2021,P,C2,N1,U4,PR1,,,,,,\n"
                "C1,01/06/2021,P,C2,N1,U4,PR1,,,,,,\n");
  auto m = Map();
  ASSERT_TRUE(m.rejects.empty()) << m.rejects[0].reason;
  EXPECT_EQ(m.repeated_rows, 2u);
  ASSERT_EQ(m.events.size(), 2u);
  auto again = Map();
  EXPECT_EQ(m.events, again.events);
  EXPECT_EQ(m.events[0].event_id.rfind("903:C1:poc:20200401:", 0), 0u) << m.events[0].event_id;
}

TEST_F(ChildMappingTest, MalformedRowsAreRejectedWithTheirLocation) {
  Episodes(
      "C1,01/04/2020,S,C2,N1,U6,PR1,,,,,,\n"
      "C2,31/02/2020,S,C2,N1,U6,PR1,,,,,,\n"  // line 3: bad date
      "C3,01/04/2020,S,C2,N1,U9,PR1,,,,,,\n"  // line 4: unknown code
      "C4,01/04/2020,S,C2,N1,U6,PR1,01/06/2020,X1,,,,\n"
      "C4,01/05/2020,P,C2,N1,U4,PR1,,,,,,\n"  // line 6: overlaps line 5
      "C4,01/06/2020,P,C2,N1,U4,PR1,,,,,,\n"
      "C5,01/04/2020,S,C2,N1,U6,PR1,01/06/2020,X1,,,,\n"
      "C5,01/07/2020,P,C2,N1,U4,PR1,,,,,,\n"  // line 9: chain broken
      "C6,01/04/2020,S,C2,N1,U6,PR1,01/06/2020,X1,,,,\n"
      "C6,01/06/2020,L,C2,N1,U6,PR1,,,,,,\n");  // line 11: RNE L, LS unchanged
  File("reviews.csv", "CHILD,DOB,REVIEW_CODE\n", "C1,01/01/2010,PN1\n");  // no REVIEW column
  auto m = Map();
  std::vector<std::string> got;
  for (const Reject& r : m.rejects) {
    got.push_back(r.origin.file + ":" + std::to_string(r.origin.line) + ":" + r.column);
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"episodes.csv:11:LS", "episodes.csv:3:DECOM",
                                           "episodes.csv:4:PLACE", "episodes.csv:6:DECOM",
                                           "episodes.csv:9:DECOM", "reviews.csv:1:REVIEW"}));
  for (const Reject& r : m.rejects) EXPECT_FALSE(r.reason.empty());
  // Nothing else lost: C1, C4 (both good episodes), C5 and C6's first episode are mapped.
  EXPECT_EQ(m.OfType(EventType::kPeriodOfCareStarted).size(), 4u);
  EXPECT_EQ(m.OfType(EventType::kPlacementMoved).size(), 1u);
}

}  // namespace
}  // namespace cjl::ssda903
