// Import -> export round trips, and the export of valid journeys against DfE's rules.
#include <gtest/gtest.h>

#include <sstream>

#include "ops/generator/generator.h"
#include "ops/ssda903/export_903.h"
#include "ops/ssda903/import_903.h"
#include "ops/ssda903/test_files.h"
#include "ops/ssda903/validate_903.h"
#include "tests/support/assert_ok.h"
#include "tests/support/temp_dir.h"

namespace cjl::ssda903 {
namespace {

using testing::ReadText;
using testing::WriteFile;

const char* const kFiles[] = {"header.csv",  "episodes.csv", "ad1.csv", "placed_for_adoption.csv",
                              "reviews.csv", "missing.csv"};

class RoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto l = testing::OpenTestLedger(dir_.Sub("ledger"));
    ASSERT_OK(l);
    ledger_ = std::move(*l);
  }
  ImportSummary Import(const std::string& in, std::string* rejects) {
    ImportOptions o;
    o.dir = in;
    std::ostringstream out;
    auto s = Import903(o, *ledger_, out);
    EXPECT_TRUE(s.ok());
    *rejects = out.str();
    return s.ok() ? *s : ImportSummary{};
  }
  void Export(int year, const std::string& out) {
    ExportOptions o;
    o.year = year;
    o.out = out;
    ASSERT_OK(Export903(o, *ledger_));
  }
  cjl::testing::TempDir dir_;
  std::unique_ptr<ledger::Ledger> ledger_;
};

TEST_F(RoundTripTest, AValidReturnComesBackWithTheSameEpisodes) {
  const std::string in = dir_.Sub("in");
  std::filesystem::create_directories(in);
  const std::string header = std::string(testing::kHeaderColumns) +
                             "A1,1,01/01/2019,WBRI,,,\n"
                             "B2,2,01/01/2010,BAFR,,,\n"
                             "C3,2,01/01/2016,MWBC,,,\n";
  const std::string episodes = std::string(testing::kEpisodeColumns) +
                               "A1,01/04/2020,S,C1,N1,U5,PR1,01/09/2020,X1,,,TS1,\n"
                               "A1,01/09/2020,P,C1,N1,T1,,08/09/2020,X1,,,,\n"
                               "A1,08/09/2020,P,C1,N1,U5,PR1,01/11/2020,X1,,,TS1,\n"
                               "A1,01/11/2020,L,E1,N1,U5,PR1,01/12/2020,X1,CARPL,,TS1,\n"
                               "A1,01/12/2020,T,E1,N1,A5,PR1,01/03/2021,E11,,,TS1,\n"
                               "B2,05/04/2020,S,V2,N4,U6,PR4,10/05/2020,X1,CREQB,,TS2,\n"
                               "B2,10/05/2020,B,C1,N4,K2,PR4,10/05/2020,X1,ALLEG,,TS3,SC123456\n"
                               "B2,10/05/2020,P,C1,N4,U6,PR1,01/02/2021,X1,CARPL,,TS1,\n"
                               "B2,01/02/2021,U,C2,N4,U4,PR1,,,,,TS1,\n"
                               "C3,01/05/2020,S,C1,N1,U3,PR1,01/08/2020,X1,,,TS4,\n"
                               "C3,01/08/2020,L,C2,N1,U3,PR1,15/02/2021,E45,,,TS4,\n";
  const std::string reviews = std::string(testing::kReviewColumns) +
                              "A1,01/01/2019,25/04/2020,PN0\n"
                              "B2,01/01/2010,28/04/2020,PN1\n";
  WriteFile(in + "/header.csv", header);
  WriteFile(in + "/episodes.csv", episodes);
  WriteFile(in + "/ad1.csv",
            std::string(testing::kAd1Columns) + "A1,01/01/2019,01/10/2020,15/11/2020,1,,,\n");
  WriteFile(in + "/reviews.csv", reviews);
  std::string rejects;
  auto summary = Import(in, &rejects);
  EXPECT_EQ(rejects, "");
  EXPECT_EQ(summary.rejects, 0u);
  const std::string out = dir_.Sub("out");
  Export(2021, out);
  EXPECT_EQ(ReadText(out + "/episodes.csv"), episodes);
  EXPECT_EQ(ReadText(out + "/header.csv"), header);
  EXPECT_EQ(ReadText(out + "/reviews.csv"), reviews);
  EXPECT_EQ(ReadText(out + "/ad1.csv"),
            std::string(testing::kAd1Columns) + "A1,01/01/2019,01/10/2020,15/11/2020,1,,,\n");
  ReturnRows exported;
  ASSERT_OK(LoadReturnDirectory(out, exported));
  for (const Reject& r : Validate903(exported, Window::CollectionYear(2021).first)) {
    ADD_FAILURE() << RejectToJson(r);
  }
}

// Generated journeys written as one multi-year 903 history, imported, then exported year
// by year: each year's files equal those written straight from the generated events, and
// each passes DfE's rules.
TEST_F(RoundTripTest, GeneratedHistoryComesBackYearByYearAndPassesDfERules) {
  generator::GeneratorOptions g;
  g.children = 1500;
  g.from_year = 2014;
  g.to_year = 2024;
  g.seed = 903;
  g.last_date = MakeDate(2024, 6, 30);
  std::vector<projections::ChildFacts> children;
  std::uint64_t position = 0;
  generator::GenerateJourneys(g, [&](const events::Event& e) {
    if (children.empty() || children.back().child_id != e.child_id) {
      children.emplace_back();
      children.back().child_id = e.child_id;
    }
    events::RecordedEvent r;
    r.event = e;
    r.position = LedgerPosition(++position);
    projections::ApplyEvent(children.back(), r);
  });
  const std::string in = dir_.Sub("history");
  ReturnWriter history;
  ASSERT_OK(history.Open(in));
  for (const auto& c : children)
    history.AddChild(c, {generator::FirstDay(g), generator::LastDay(g)});
  ASSERT_OK(history.Close());
  ASSERT_GT(history.counts().episodes, 1000u);

  std::string rejects;
  auto summary = Import(in, &rejects);
  EXPECT_EQ(summary.rejects, 0u) << rejects.substr(0, 2000);

  for (int year : {2016, 2019, 2022, 2024}) {
    SCOPED_TRACE("year " + std::to_string(year));
    const Window window = Window::CollectionYear(year);
    const std::string expected = dir_.Sub("expected" + std::to_string(year));
    ReturnWriter w;
    ASSERT_OK(w.Open(expected));
    for (const auto& c : children) w.AddChild(c, window);
    ASSERT_OK(w.Close());
    ASSERT_GT(w.counts().episodes, 100u);
    const std::string out = dir_.Sub("out" + std::to_string(year));
    Export(year, out);
    for (const char* file : kFiles) {
      EXPECT_EQ(ReadText(out + "/" + file), ReadText(expected + "/" + file)) << file;
    }
    ReturnRows exported;
    ASSERT_OK(LoadReturnDirectory(out, exported));
    EXPECT_TRUE(exported.rejects.empty());
    const auto broken = Validate903(exported, window.first);
    for (std::size_t i = 0; i < broken.size() && i < 10; ++i)
      ADD_FAILURE() << RejectToJson(broken[i]);
  }
}

}  // namespace
}  // namespace cjl::ssda903
