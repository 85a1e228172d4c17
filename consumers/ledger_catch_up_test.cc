// `cjl rebuild`'s engine on a real ledger and real stores: it refuses a store that is
// open, before folding anything, and replaces a closed one whole.
#include "consumers/ledger_catch_up.h"

#include <gtest/gtest.h>

#include "consumers/ledger_fold.h"
#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/temp_dir.h"

namespace cjl::consumers {
namespace {

using cjl::testing::CareStarted;
using cjl::testing::Moved;

class RebuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ledger::LedgerOptions options;
    options.path = dir_.Sub("ledger");
    auto opened = ledger::Ledger::Open(options);
    ASSERT_OK(opened);
    ledger_ = std::move(*opened);
    std::vector<events::Event> batch;
    for (int c = 0; c < 50; ++c) {
      const std::string child = "C" + std::to_string(c);
      batch.push_back(CareStarted(child + "-s", child, "2021-01-01"));
      batch.push_back(Moved(child + "-m", child, "2021-02-01", "U4", "K1"));
    }
    for (auto& r : ledger_->AppendBatch(batch)) ASSERT_OK(r);
  }

  std::unique_ptr<projections::ProjectionStore> OpenStore() {
    projections::StoreOptions options;
    options.path = store_dir_;
    auto opened = projections::ProjectionStore::Open(options);
    return opened.ok() ? std::move(*opened) : nullptr;
  }

  std::size_t Children(projections::ProjectionStore& store) {
    std::size_t n = 0;
    EXPECT_OK(store.ForEachChild([&](std::string_view, const projections::ChildRecord&) {
      ++n;
      return true;
    }));
    return n;
  }

  cjl::testing::TempDir dir_;
  const std::string store_dir_ = dir_.Sub("projections");
  std::unique_ptr<ledger::Ledger> ledger_;
};

TEST_F(RebuildTest, RefusesAStoreThatIsOpenBeforeFoldingAnything) {
  auto live = OpenStore();
  ASSERT_NE(live, nullptr);
  bool progressed = false;
  Status s = RebuildProjectionStore(*ledger_, store_dir_,
                                    [&](std::uint64_t, std::uint64_t) { progressed = true; });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(s.error().message().find("stop serve first"), std::string::npos) << s.error().message();
  EXPECT_FALSE(progressed);
  EXPECT_EQ(Children(*live), 0u);  // the open store is untouched
}

TEST_F(RebuildTest, ReplacesAClosedStoreWholeAndLeavesItOpenable) {
  {
    auto stale = OpenStore();
    ASSERT_NE(stale, nullptr);
    projections::StoreBatch batch;
    batch.SetMeta("stale", "1");
    ASSERT_OK(stale->Write(batch));
  }
  ASSERT_OK(RebuildProjectionStore(*ledger_, store_dir_));
  auto rebuilt = OpenStore();  // the lock the rebuild held is released
  ASSERT_NE(rebuilt, nullptr);
  EXPECT_EQ(Children(*rebuilt), 50u);
  EXPECT_EQ(rebuilt->AppliedPosition(), LedgerPosition(100));
  auto stale = rebuilt->GetMeta("stale");
  ASSERT_OK(stale);
  EXPECT_FALSE(stale->has_value());
}

TEST_F(RebuildTest, HandsTheFoldedStateBackWhenAsked) {
  projections::AuthorityState folded;
  ASSERT_OK(RebuildProjectionStore(*ledger_, store_dir_, {}, &folded));
  projections::AuthorityState expected;
  auto applied = FoldLedger(*ledger_, LedgerPosition(1), UINT64_MAX, expected);
  ASSERT_OK(applied);
  EXPECT_EQ(*applied, 100u);
  EXPECT_EQ(folded.size(), 50u);
  EXPECT_TRUE(folded == expected);
  auto rebuilt = OpenStore();
  ASSERT_NE(rebuilt, nullptr);
  EXPECT_EQ(Children(*rebuilt), 50u);  // handing the state back takes nothing from the store
}

}  // namespace
}  // namespace cjl::consumers
