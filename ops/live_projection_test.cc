// The read side's view of the ledger: a record whose payload no longer decodes stops the
// view before it, with the reason, instead of failing a request later.
#include "ops/live_projection.h"

#include <gtest/gtest.h>

#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/tamper.h"
#include "tests/support/temp_dir.h"

namespace cjl::ops {
namespace {

using namespace cjl::testing;

TEST(LiveProjectionTest, ARecordThatDoesNotDecodeStopsTheViewWithTheReason) {
  TempDir dir;
  const std::string path = dir.Sub("ledger");
  {
    ledger::LedgerOptions options;
    options.path = path;
    auto ledger = ledger::Ledger::Open(options);
    ASSERT_OK(ledger);
    ASSERT_OK((*ledger)->Append(CareStarted("s1", "A", "2022-01-10")));
    ASSERT_OK((*ledger)->Append(Moved("m1", "A", "2022-02-01", "U2", "k2")));
    ASSERT_OK((*ledger)->Append(Moved("m2", "A", "2022-03-01", "U3", "k3")));
  }
  // One byte more inside the payload of position 2: its head and fixed-size tail still
  // read, the whole record does not.
  ASSERT_TRUE(EditStoredRecord(
      path, 2, [](std::string& value) { value.insert(value.size() - 100, 1, 'x'); }));
  ledger::LedgerOptions options;
  options.path = path;
  options.read_only = true;
  auto ledger = ledger::Ledger::Open(options);
  ASSERT_OK(ledger);
  LiveProjection view(**ledger);
  // The view never reaches the head; it stops where it was, with the damaged position.
  EXPECT_FALSE(view.WaitFor(LedgerPosition(3), std::chrono::seconds(2)));
  EXPECT_LT(view.position(), LedgerPosition(2));
  EXPECT_NE(view.last_error().find("position 2"), std::string::npos) << view.last_error();
}

}  // namespace
}  // namespace cjl::ops
