#include "ledger/fingerprint_set.h"

#include <gtest/gtest.h>

#include <string>

namespace cjl::ledger {
namespace {

TEST(FingerprintSetTest, AnEmptySetHasNothing) {
  FingerprintSet set;
  EXPECT_FALSE(set.MayContain("e1"));
  EXPECT_FALSE(set.MayContain(""));
  EXPECT_EQ(set.size(), 0u);
}

// Through several growths: every inserted key stays, keys never inserted are absent
// (a 64-bit fingerprint collision among these few keys would be a broken hash).
TEST(FingerprintSetTest, KeepsEveryKeyThroughGrowthAndTellsNewOnesApart) {
  FingerprintSet set;
  for (int i = 0; i < 20'000; ++i) set.Insert("event-" + std::to_string(i));
  set.Insert("event-7");  // again: no second entry
  EXPECT_EQ(set.size(), 20'000u);
  for (int i = 0; i < 20'000; ++i) {
    ASSERT_TRUE(set.MayContain("event-" + std::to_string(i))) << i;
  }
  int present = 0;
  for (int i = 20'000; i < 40'000; ++i) present += set.MayContain("event-" + std::to_string(i));
  EXPECT_EQ(present, 0);
}

// Reserved up front (as from RocksDB's key estimate at load), then filled past the
// reservation: nothing is lost when it grows after all.
TEST(FingerprintSetTest, AReservedSetKeepsEveryKeyPastItsReservation) {
  FingerprintSet set;
  set.Reserve(3'000);
  set.Insert("before");
  set.Reserve(10);  // smaller than what it holds: no change
  for (int i = 0; i < 9'000; ++i) set.Insert("child-" + std::to_string(i));
  EXPECT_EQ(set.size(), 9'001u);
  EXPECT_TRUE(set.MayContain("before"));
  for (int i = 0; i < 9'000; ++i) ASSERT_TRUE(set.MayContain("child-" + std::to_string(i))) << i;
  EXPECT_FALSE(set.MayContain("child-9000"));
}

}  // namespace
}  // namespace cjl::ledger
