#include "events/codes.h"

#include <gtest/gtest.h>

namespace cjl::events::codes {
namespace {

TEST(CodesTest, PlacementGroupsFollowTheCodeLists) {
  EXPECT_TRUE(IsTemporaryPlacement("T0"));
  EXPECT_TRUE(IsTemporaryPlacement("T4"));
  EXPECT_FALSE(IsTemporaryPlacement("T5"));
  EXPECT_TRUE(IsAdoptivePlacement("A3"));
  EXPECT_TRUE(IsAdoptivePlacement("A6"));
  EXPECT_FALSE(IsAdoptivePlacement("A2"));
  EXPECT_TRUE(IsShortBreakStatus("V3"));
  EXPECT_FALSE(IsShortBreakStatus("V2"));
}

TEST(CodesTest, PeriodEndReasonsExcludeCodesWithTheirOwnEvents) {
  for (const char* own : {"X1", "E11", "E12", "E41", "E43", "E44", "E45", "E46", "E47", "E48"}) {
    EXPECT_FALSE(Contains(kPeriodEndReason, own)) << own;
  }
  EXPECT_TRUE(Contains(kPeriodEndReason, "E4A"));
  EXPECT_TRUE(Contains(kPeriodEndReason, "E13"));
}

}  // namespace
}  // namespace cjl::events::codes
