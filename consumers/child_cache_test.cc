// The projector's cache of committed children, alone and under the applier with a real
// projection store.
#include "consumers/child_cache.h"

#include <gtest/gtest.h>

#include "consumers/projection_applier.h"
#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/temp_dir.h"

namespace cjl::consumers {
namespace {

using cjl::testing::CareStarted;
using cjl::testing::Moved;

// The fact of `e` as the ledger would record it at `position`, version `version`.
projections::Fact FactOf(const events::Event& e, std::uint64_t position, std::uint64_t version) {
  events::RecordedEvent r;
  r.event = e;
  r.position = LedgerPosition(position);
  r.stream_version = StreamVersion(version);
  return projections::Fact::FromRecorded(r);
}

projections::ChildRecord RecordOf(const std::string& child, int events) {
  projections::ChildRecord record;
  record.facts.child_id = child;
  record.facts.facts.push_back(FactOf(CareStarted(child + "-s", child, "2021-01-01"), 1, 1));
  for (int v = 2; v <= events; ++v) {
    record.facts.facts.push_back(
        FactOf(Moved(child + "-m" + std::to_string(v), child, "2021-02-01", "U4", "K1"), v, v));
  }
  record.version = StreamVersion(events);
  record.position = LedgerPosition(events);
  return record;
}

TEST(ChildCache, TakeHandsBackWhatPutHeldAndForgetsIt) {
  ChildCache cache;
  cache.Put("A", RecordOf("A", 3));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_FALSE(cache.Take("B").has_value());
  auto taken = cache.Take("A");
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->version, StreamVersion(3));
  EXPECT_EQ(taken->facts, RecordOf("A", 3).facts);
  EXPECT_FALSE(cache.Take("A").has_value()) << "taken out, not copied";
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(ChildCache, APutReplacesTheChildsRecord) {
  ChildCache cache;
  cache.Put("A", RecordOf("A", 2));
  const std::size_t two = cache.bytes();
  cache.Put("A", RecordOf("A", 3));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_GT(cache.bytes(), two);
  EXPECT_EQ(cache.Take("A")->version, StreamVersion(3));
}

TEST(ChildCache, StartsAfreshBeyondItsBoundAndNeverHoldsARecordBiggerThanIt) {
  const std::size_t one = [] {
    ChildCache probe;
    probe.Put("A", RecordOf("A", 4));
    return probe.bytes();
  }();
  ChildCache cache(one * 2);
  cache.Put("A", RecordOf("A", 4));
  cache.Put("B", RecordOf("B", 4));
  EXPECT_EQ(cache.size(), 2u);
  cache.Put("C", RecordOf("C", 4));  // would exceed the bound: A and B go
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_FALSE(cache.Take("A").has_value());
  EXPECT_TRUE(cache.Take("C").has_value());
  cache.Put("D", RecordOf("D", 12));  // larger than the whole bound
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

class ApplierWithCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    projections::StoreOptions options;
    options.path = dir_.Sub("projections");
    auto opened = projections::ProjectionStore::Open(options);
    ASSERT_OK(opened);
    store_ = std::move(*opened);
  }

  cjl::testing::TempDir dir_;
  std::unique_ptr<projections::ProjectionStore> store_;
};

TEST_F(ApplierWithCacheTest, ACommittedChildIsTakenFromTheCacheAndTheStoreAgreesWithIt) {
  ChildCache cache;
  const projections::ChildRecord full = RecordOf("A", 3);
  {
    ProjectionApplier applier(*store_, nullptr, nullptr, &cache);
    for (int i = 0; i < 2; ++i) {
      projections::Fact f = full.facts.facts[i];
      ASSERT_OK(applier.Apply(std::move(f)));
    }
    ASSERT_OK(applier.Commit());
  }
  ASSERT_EQ(cache.size(), 1u) << "the committed child is held";
  // Behind the cache's back (which the runner never does), the store's copy of A goes:
  // the next batch must not need it.
  projections::StoreBatch erase;
  erase.PutChild("A", projections::ChildRecord{});
  ASSERT_OK(store_->Write(erase));
  {
    ProjectionApplier applier(*store_, nullptr, nullptr, &cache);
    projections::Fact third = full.facts.facts[2];
    auto outcome = applier.Apply(std::move(third));
    ASSERT_OK(outcome);
    EXPECT_EQ(*outcome, ProjectionApplier::Outcome::kApplied) << "version 3 follows the cached 2";
    ASSERT_OK(applier.Commit());
  }
  auto stored = store_->GetChild("A");
  ASSERT_OK(stored);
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->version, StreamVersion(3));
  EXPECT_EQ((*stored)->facts, full.facts);
}

TEST_F(ApplierWithCacheTest, WithoutACacheTheStoreIsReadEveryBatch) {
  const projections::ChildRecord full = RecordOf("A", 2);
  {
    ProjectionApplier applier(*store_, nullptr, nullptr);
    projections::Fact f = full.facts.facts[0];
    ASSERT_OK(applier.Apply(std::move(f)));
    ASSERT_OK(applier.Commit());
  }
  projections::StoreBatch erase;
  erase.PutChild("A", projections::ChildRecord{});
  ASSERT_OK(store_->Write(erase));
  ProjectionApplier applier(*store_, nullptr, nullptr);
  projections::Fact second = full.facts.facts[1];
  auto outcome = applier.Apply(std::move(second));
  ASSERT_FALSE(outcome.ok()) << "version 2 over an empty stored child is a gap, and no ledger";
}

}  // namespace
}  // namespace cjl::consumers
