#include "ledger/chunk_relay.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>

namespace cjl::ledger {
namespace {

std::unique_ptr<rocksdb::WriteBatch> ChunkNamed(const std::string& name) {
  auto chunk = std::make_unique<rocksdb::WriteBatch>();
  EXPECT_TRUE(chunk->Put("chunk", name).ok());
  return chunk;
}

// The key-value pairs in a chunk, as "key=value;".
std::string Contents(const rocksdb::WriteBatch& chunk) {
  struct Collect : rocksdb::WriteBatch::Handler {
    std::string out;
    void Put(const rocksdb::Slice& key, const rocksdb::Slice& value) override {
      out += key.ToString() + "=" + value.ToString() + ";";
    }
  } collect;
  EXPECT_TRUE(chunk.Iterate(&collect).ok());
  return collect.out;
}

TEST(ChunkRelayTest, HandsChunksFromAnotherThreadInOrderWithTheLastMarked) {
  ChunkRelay relay;
  constexpr int kChunks = 200;
  relay.Reset(kChunks);
  std::thread producer([&] {
    for (int i = 0; i < kChunks; ++i)
      relay.Publish(ChunkNamed(std::to_string(i)), i + 1 == kChunks);
  });
  for (int i = 0; i < kChunks; ++i) {
    ChunkRelay::Slot& slot = relay.Await(static_cast<std::size_t>(i));
    ASSERT_NE(slot.chunk, nullptr);
    EXPECT_EQ(Contents(*slot.chunk), "chunk=" + std::to_string(i) + ";");
    EXPECT_EQ(slot.last, i + 1 == kChunks);
    EXPECT_FALSE(slot.error);
  }
  producer.join();
}

TEST(ChunkRelayTest, AFailureReachesTheConsumerAfterTheChunksBeforeIt) {
  ChunkRelay relay;
  relay.Reset(2);
  std::thread producer([&] {
    relay.Publish(ChunkNamed("0"), false);
    relay.Publish(ChunkNamed("1"), false);
    try {
      throw std::runtime_error("judging failed");
    } catch (...) {
      relay.Fail(std::current_exception());  // room for it beyond the 2 chunks
    }
  });
  EXPECT_EQ(Contents(*relay.Await(0).chunk), "chunk=0;");
  EXPECT_EQ(Contents(*relay.Await(1).chunk), "chunk=1;");
  ChunkRelay::Slot& failed = relay.Await(2);
  producer.join();
  EXPECT_TRUE(failed.last);
  EXPECT_EQ(failed.chunk, nullptr);
  ASSERT_TRUE(failed.error);
  EXPECT_THROW(std::rethrow_exception(failed.error), std::runtime_error);
}

TEST(ChunkRelayTest, ResetStartsTheNextGroupAtItsFirstChunk) {
  ChunkRelay relay;
  relay.Reset(1);
  relay.Publish(ChunkNamed("first group"), true);
  EXPECT_EQ(Contents(*relay.Await(0).chunk), "chunk=first group;");
  relay.Reset(1);
  std::thread producer([&] { relay.Publish(ChunkNamed("second group"), true); });
  EXPECT_EQ(Contents(*relay.Await(0).chunk), "chunk=second group;");
  producer.join();
}

TEST(ChunkRelayTest, ARecycledChunkComesBackEmpty) {
  ChunkRelay relay;
  auto chunk = ChunkNamed("written");
  const rocksdb::WriteBatch* recycled = chunk.get();
  relay.Recycle(std::move(chunk));
  auto spare = relay.Spare();
  EXPECT_EQ(spare.get(), recycled);  // the buffer is kept
  EXPECT_EQ(spare->Count(), 0U);
  EXPECT_NE(relay.Spare(), nullptr);  // a fresh one when none is spare
}

}  // namespace
}  // namespace cjl::ledger
