// `cjl append`'s engine on a real ledger: counts, and the rejects file in input order
// whether a line failed to parse or the ledger refused it.
#include "ops/json_lines_append.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "events/event_json.h"
#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/temp_dir.h"

namespace cjl::ops {
namespace {

using cjl::testing::CareStarted;
using cjl::testing::Moved;

TEST(AppendJsonLines, RejectsAreWrittenInInputOrderWithTheirLineAndReason) {
  cjl::testing::TempDir dir;
  ledger::LedgerOptions options;
  options.path = dir.Sub("ledger");
  auto ledger = ledger::Ledger::Open(options);
  ASSERT_OK(ledger);
  std::stringstream in;
  in << "{not json\n";                                                              // 1: parse
  in << events::EventToJson(CareStarted("s1", "C1", "2022-01-10")).dump() << "\n";  // 2: ok
  in << events::EventToJson(Moved("m1", "C2", "2022-02-01", "U4", "k")).dump()
     << "\n";                                                                       // 3: domain
  in << "\n";                                                                       // 4: blank
  in << "[1, 2]\n";                                                                 // 5: parse
  in << events::EventToJson(CareStarted("s1", "C1", "2022-01-10")).dump() << "\n";  // 6: dup
  std::stringstream rejects;
  auto counts = AppendJsonLines(in, **ledger, rejects, /*show_progress=*/false);
  ASSERT_OK(counts);
  EXPECT_EQ(counts->appended, 1u);
  EXPECT_EQ(counts->duplicates, 1u);
  EXPECT_EQ(counts->rejected, 3u);
  std::vector<nlohmann::json> lines;
  for (std::string l; std::getline(rejects, l);) lines.push_back(nlohmann::json::parse(l));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["line"], 1);
  EXPECT_EQ(lines[1]["line"], 3);
  EXPECT_EQ(lines[1]["event_id"], "m1");
  EXPECT_EQ(lines[1]["errors"][0]["field"], "occurred_on");
  EXPECT_EQ(lines[1]["errors"][0]["message"],
            "PlacementMoved on 2022-02-01: child C2 has no open period of care");
  EXPECT_EQ(lines[2]["line"], 5);
  EXPECT_FALSE(lines[2].contains("event_id"));
}

}  // namespace
}  // namespace cjl::ops
