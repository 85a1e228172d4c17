// The DfE rules the export is held to catch what they should.
#include "ops/ssda903/validate_903.h"

#include <gtest/gtest.h>

namespace cjl::ssda903 {
namespace {

EpisodeRow Ep(const char* child, Date decom, const char* rne, const char* ls, const char* place,
              std::optional<Date> dec, const char* rec, const char* rpc = "") {
  EpisodeRow e;
  e.child = child;
  e.decom = decom;
  e.rne = rne;
  e.ls = ls;
  e.cin = "N1";
  e.place = place;
  e.provider = "PR1";
  e.dec = dec;
  e.rec = rec;
  e.reason_place_change = rpc;
  return e;
}

std::vector<std::string> Columns(const std::vector<Reject>& rejects) {
  std::vector<std::string> out;
  for (const auto& r : rejects)
    out.push_back(r.child + ":" + std::to_string(r.origin.line) + ":" + r.column);
  return out;
}

const Date kA = MakeDate(2020, 4, 1), kB = MakeDate(2020, 6, 1), kC = MakeDate(2020, 9, 1);

TEST(Validate903Test, AValidChainPasses) {
  ReturnRows rows;
  rows.episodes = {Ep("A", kA, "S", "C1", "U6", kB, "X1", "CARPL"),
                   Ep("A", kB, "P", "C1", "U4", kC, "X1"),
                   Ep("A", kC, "L", "E1", "U4", std::nullopt, "")};
  EXPECT_TRUE(Validate903(rows, kA).empty());
}

TEST(Validate903Test, ChainRneAndTemporaryRulesCatchBrokenRows) {
  ReturnRows rows;
  rows.episodes = {
      Ep("A", kA, "S", "C1", "U6", kB, "X1", "CARPL"),
      Ep("A", MakeDate(2020, 6, 2), "P", "C1", "U4", std::nullopt, ""),
      Ep("B", kA, "S", "C1", "U6", kB, "X1"),
      Ep("B", kB, "L", "C2", "U4", std::nullopt, ""),
      Ep("C", kA, "S", "C1", "T2", kB, "E4A"),
      Ep("D", kA, "S", "C2", "A5", kB, "E11"),
  };
  EXPECT_EQ(Columns(Validate903(rows, kA)),
            (std::vector<std::string>{"A:3:DECOM", "B:5:RNE", "C:6:PLACE", "C:6:PLACE", "D:7:LS",
                                      "D:7:REC"}));
}

TEST(Validate903Test, AdoptionNeedsAnAd1RowThatAgreesWithThePlacement) {
  ReturnRows rows;
  rows.episodes = {Ep("A", kA, "S", "E1", "A5", kB, "E11")};
  Ad1Row a;
  a.child = "A";
  a.foster_care = false;
  rows.ad1 = {a};
  EXPECT_EQ(Columns(Validate903(rows, kA)), (std::vector<std::string>{"A:2:PLACE"}));
}

}  // namespace
}  // namespace cjl::ssda903
