#include "projections/store/projection_store.h"

#include <gtest/gtest.h>

#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/temp_dir.h"

namespace cjl::projections {
namespace {

using cjl::testing::TempDir;

events::RecordedEvent Recorded(events::Event e, std::uint64_t position, std::uint64_t version) {
  events::RecordedEvent r;
  r.event = std::move(e);
  r.position = LedgerPosition(position);
  r.stream_version = StreamVersion(version);
  return r;
}

std::unique_ptr<ProjectionStore> OpenAt(const std::string& path) {
  StoreOptions o;
  o.path = path;
  auto s = ProjectionStore::Open(o);
  EXPECT_TRUE(s.ok()) << s.error().ToString();
  return s.ok() ? std::move(s.value()) : nullptr;
}

TEST(ProjectionStoreTest, StateOffsetsAndMetaSurviveReopen) {
  TempDir dir;
  ChildRecord rec;
  ApplyEvent(rec.facts,
             Recorded(cjl::testing::Registered("e1", "C1", "2020-01-01", "2015-01-01"), 7, 1));
  rec.version = StreamVersion(1);
  rec.position = LedgerPosition(7);
  {
    auto store = OpenAt(dir.Sub("s"));
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->AppliedPosition(), LedgerPosition(0));
    StoreBatch b;
    b.PutChild("C1", rec);
    b.PutOffset("cluster-a", "care.events.v1", 3, KafkaOffset(42));
    b.SetMeta(kMetaClusterId, "cluster-a");
    ASSERT_OK(store->Write(b));
  }
  auto store = OpenAt(dir.Sub("s"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->AppliedPosition(), LedgerPosition(7));
  auto child = store->GetChild("C1");
  ASSERT_OK(child);
  ASSERT_TRUE(child->has_value());
  EXPECT_EQ((*child)->version, StreamVersion(1));
  EXPECT_EQ((*child)->facts, rec.facts);
  auto bytes = store->GetChildBytes("C1");
  ASSERT_OK(bytes);
  EXPECT_EQ(**bytes, EncodeChildRecord(rec));
  auto off = store->GetOffset("cluster-a", "care.events.v1", 3);
  ASSERT_OK(off);
  EXPECT_EQ(*off, std::optional<KafkaOffset>(KafkaOffset(42)));
  auto other = store->GetOffset("cluster-b", "care.events.v1", 3);
  ASSERT_OK(other);
  EXPECT_FALSE(other->has_value()) << "offsets are scoped by cluster";
  auto all = store->LoadAll();
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 1u);
  EXPECT_NE(all->Find("C1"), nullptr);
}

TEST(ProjectionStoreTest, BulkLoadWritesEveryChildAndRefusesAStoreWithChildren) {
  TempDir dir;
  std::vector<ChildRecord> records(5);
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < records.size(); ++i) {
    ids.push_back("C" + std::to_string(i));
    ApplyEvent(records[i].facts, Recorded(cjl::testing::Registered("e" + std::to_string(i), ids[i],
                                                                   "2020-01-01", "2015-01-01"),
                                          i + 1, 1));
    records[i].version = StreamVersion(1);
    records[i].position = LedgerPosition(i + 1);
  }
  auto child_at = [&](std::size_t i, std::string& id, std::string& record) {
    id = ids[i];
    record = EncodeChildRecord(records[i]);
  };
  auto store = OpenAt(dir.Sub("s"));
  ASSERT_NE(store, nullptr);
  ASSERT_OK(store->BulkLoadChildren(records.size(), child_at));
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto bytes = store->GetChildBytes(ids[i]);
    ASSERT_OK(bytes);
    ASSERT_TRUE(bytes->has_value()) << i;
    EXPECT_EQ(**bytes, EncodeChildRecord(records[i]));
  }
  Status again = store->BulkLoadChildren(records.size(), child_at);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), ErrorCode::kInvalidInput);
}

TEST(ProjectionStoreTest, BulkLoadRefusesChildIdsOutOfOrder) {
  TempDir dir;
  auto store = OpenAt(dir.Sub("s"));
  ASSERT_NE(store, nullptr);
  const std::vector<std::string> ids{"C1", "C3", "C2", "C4"};
  Status s =
      store->BulkLoadChildren(ids.size(), [&](std::size_t i, std::string& id, std::string& record) {
        id = ids[i];
        record = "x";
      });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidInput);
  auto child = store->GetChildBytes("C1");
  ASSERT_OK(child);
  EXPECT_FALSE(child->has_value()) << "nothing is ingested when the order breaks";
}

TEST(ProjectionStoreTest, AppliedPositionNeverMovesBack) {
  TempDir dir;
  auto store = OpenAt(dir.Sub("s"));
  ASSERT_NE(store, nullptr);
  StoreBatch a;
  a.NoteApplied(LedgerPosition(10));
  a.SetMeta("x", "1");
  ASSERT_OK(store->Write(a));
  StoreBatch b;
  b.NoteApplied(LedgerPosition(4));
  b.SetMeta("x", "2");
  ASSERT_OK(store->Write(b));
  EXPECT_EQ(store->AppliedPosition(), LedgerPosition(10));
}

TEST(ProjectionStoreTest, SecondOpenerIsRefusedWhileOpen) {
  TempDir dir;
  auto first = OpenAt(dir.Sub("s"));
  ASSERT_NE(first, nullptr);
  StoreOptions o;
  o.path = dir.Sub("s");
  auto second = ProjectionStore::Open(o);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), ErrorCode::kUnavailable);
}

TEST(ProjectionStoreTest, TruncatedChildRecordIsCorruption) {
  auto r = DecodeChildRecord("short");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kCorruption);
}

}  // namespace
}  // namespace cjl::projections
