// Importing 903 files into a real ledger: child order, idempotence, rejects with their
// exact location, nothing else lost.
#include "ops/ssda903/import_903.h"

#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "ops/ssda903/test_files.h"
#include "tests/support/assert_ok.h"
#include "tests/support/temp_dir.h"

namespace cjl::ssda903 {
namespace {

using testing::WriteFile;

class Import903Test : public ::testing::Test {
 protected:
  void SetUp() override {
    auto l = testing::OpenTestLedger(dir_.Sub("ledger"));
    ASSERT_OK(l);
    ledger_ = std::move(*l);
    std::filesystem::create_directories(dir_.Sub("in"));
  }
  void File(const std::string& name, const std::string& text) {
    WriteFile(dir_.Sub("in/" + name), text);
  }
  Result<ImportSummary> Import(std::string* rejects = nullptr) {
    ImportOptions o;
    o.dir = dir_.Sub("in");
    std::ostringstream out;
    auto s = Import903(o, *ledger_, out);
    if (rejects) *rejects = out.str();
    return s;
  }
  std::vector<nlohmann::json> RejectLines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }
  cjl::testing::TempDir dir_;
  std::unique_ptr<ledger::Ledger> ledger_;
};

TEST_F(Import903Test, AppendsChildByChildAndASecondImportAppendsNothing) {
  File("header.csv",
       std::string(testing::kHeaderColumns) + "B2,2,01/01/2012,WBRI,,,\nA1,1,01/01/2015,WBRI,,,\n");
  File("episodes.csv", std::string(testing::kEpisodeColumns) +
                           "B2,01/04/2020,S,V2,N4,U6,PR1,01/05/2020,E4A,,,,\n"
                           "A1,01/04/2020,S,C1,N1,U6,PR1,01/06/2020,X1,CARPL,,,\n"
                           "A1,01/06/2020,P,C1,N1,U4,PR4,,,,,,\n");
  File("reviews.csv", std::string(testing::kReviewColumns) + "A1,01/01/2015,20/04/2020,PN0\n");
  std::string rejects;
  auto first = Import(&rejects);
  ASSERT_OK(first);
  EXPECT_EQ(rejects, "");
  EXPECT_EQ(first->rows_read, 6u);
  EXPECT_EQ(first->children, 2u);
  EXPECT_EQ(first->events_appended, 7u);
  EXPECT_EQ(first->rejects, 0u);
  // A1's events come first, in date order, then B2's.
  std::vector<std::string> order;
  ASSERT_OK(ledger_->Scan(LedgerPosition(1), 100, [&](const events::RecordedEvent& r) {
    order.push_back(r.event.child_id + ":" + events::EventTypeName(r.event.type));
    return true;
  }));
  EXPECT_EQ(order,
            (std::vector<std::string>{"A1:ChildRegistered", "A1:PeriodOfCareStarted",
                                      "A1:ReviewHeld", "A1:PlacementMoved", "B2:ChildRegistered",
                                      "B2:PeriodOfCareStarted", "B2:PeriodOfCareEnded"}));
  auto second = Import();
  ASSERT_OK(second);
  EXPECT_EQ(second->events_appended, 0u);
  EXPECT_EQ(second->duplicates, 7u);
  EXPECT_EQ(ledger_->Head(), LedgerPosition(7));
  EXPECT_NE(second->ToString().find("appended 0 events, duplicates 7, rejects 0"),
            std::string::npos)
      << second->ToString();
}

TEST_F(Import903Test, RowsTheLedgerRefusesAreRejectedWithTheirLocation) {
  File("episodes.csv",
       std::string(testing::kEpisodeColumns) + "A1,01/04/2020,S,C1,N1,U6,PR1,01/06/2020,E4A,,,,\n");
  File("reviews.csv", std::string(testing::kReviewColumns) +
                          "A1,01/01/2015,20/04/2020,PN0\n"
                          "A1,01/01/2015,20/07/2020,PN0\n");  // line 3: after the period ended
  std::string text;
  auto s = Import(&text);
  ASSERT_OK(s);
  auto lines = RejectLines(text);
  ASSERT_EQ(lines.size(), 1u) << text;
  EXPECT_EQ(lines[0]["file"], "reviews.csv");
  EXPECT_EQ(lines[0]["line"], 3);
  EXPECT_EQ(lines[0]["column"], "REVIEW");
  EXPECT_EQ(lines[0]["child"], "A1");
  EXPECT_NE(lines[0]["reason"].get<std::string>().find("no open period of care"),
            std::string::npos);
  EXPECT_EQ(s->events_appended, 3u);
}

TEST_F(Import903Test, MalformedInputIsRejectedAndNothingElseIsLost) {
  File("header.csv",
       std::string(testing::kHeaderColumns) + "A1,1,01/01/2015,WBRI,,,\nB2,3,01/01/2015,WBRI,,,\n");
  File("episodes.csv", std::string(testing::kEpisodeColumns) +
                           "A1,01/04/2020,S,C1,N1,U6,PR1,01/06/2020,X1,CARPL,,,\n"
                           "A1,01/07/2020,P,C1,N1,U4,PR4,,,,,,\n"  // line 3: chain broken
                           "B2,01/04/2020,S,C1,N1,U6,PR1,,,,,,\n"
                           "C3,01/04/2020,S,C1,N1,U6,PR1,01/06/2020,X1,,,,\n"
                           "C3,01/05/2020,P,C1,N1,U4,PR4,,,,,,\n"  // line 6: overlapping
                           "C3,01/06/2020,P,C1,N1,U4,PR4,,,,,,\n"
                           "D4,2020-13-01,S,C1,N1,U6,PR1,,,,,,\n");  // line 8: bad date
  File("MISSING.csv", "CHILD,DOB,MIS_START,MIS_END\nA1,01/01/2015,01/05/2020,\n");  // no MISSING
  std::string text;
  auto s = Import(&text);
  ASSERT_OK(s);
  std::vector<std::string> got;
  for (const auto& j : RejectLines(text)) {
    got.push_back(j["file"].get<std::string>() + ":" + std::to_string(j["line"].get<int>()) + ":" +
                  j["column"].get<std::string>());
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"MISSING.csv:1:MISSING", "episodes.csv:3:DECOM",
                                           "episodes.csv:6:DECOM", "episodes.csv:8:DECOM",
                                           "header.csv:3:SEX"}))
      << text;
  EXPECT_EQ(s->rejects, 5u);
  // A1 (registration, start), B2 (start), C3 (start, move on 01/06) are in.
  EXPECT_EQ(s->events_appended, 5u);
  auto c3 = ledger_->ReadStream("C3", StreamVersion(1));
  ASSERT_OK(c3);
  ASSERT_EQ(c3->size(), 2u);
  EXPECT_EQ((*c3)[1].event.occurred_on, MakeDate(2020, 6, 1));
}

TEST_F(Import903Test, YearByYearImportsContinueFromTheLedger) {
  // 2020-21: the period starts and a move follows; the second episode is open at year end.
  File("episodes.csv", std::string(testing::kEpisodeColumns) +
                           "A1,01/05/2020,S,C1,N1,U6,PR1,01/08/2020,X1,CARPL,,,\n"
                           "A1,01/08/2020,P,C1,N1,U4,PR4,,,,,,\n");
  auto first = Import();
  ASSERT_OK(first);
  EXPECT_EQ(first->events_appended, 2u);
  // 2021-22 on its own: the open episode again (now closed), then a new one and the end.
  File("episodes.csv", std::string(testing::kEpisodeColumns) +
                           "A1,01/08/2020,P,C1,N1,U4,PR4,01/06/2021,X1,CREQB,,,\n"
                           "A1,01/06/2021,T,C1,N1,U5,PR4,01/09/2021,E4A,,,,\n");
  std::string rejects;
  auto second = Import(&rejects);
  ASSERT_OK(second);
  EXPECT_EQ(rejects, "");
  EXPECT_EQ(second->events_appended, 2u);  // the same-carer change and the end
  auto stream = ledger_->ReadStream("A1", StreamVersion(1));
  ASSERT_OK(stream);
  ASSERT_EQ(stream->size(), 4u);
  const auto& change = (*stream)[2].event;
  EXPECT_EQ(change.payload.placement->carer_id, (*stream)[1].event.payload.placement->carer_id);
  EXPECT_EQ(change.payload.reason_previous_ended, "CREQB");
}

}  // namespace
}  // namespace cjl::ssda903
