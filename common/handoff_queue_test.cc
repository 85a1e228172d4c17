#include "common/handoff_queue.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace cjl {
namespace {

TEST(HandoffQueue, DeliversInOrderAcrossThreadsThenEndsWhenClosed) {
  HandoffQueue<int> queue(2);  // smaller than the items, so the producer blocks on a full queue
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(queue.Push(i));
    queue.Close();
  });
  std::vector<int> got;
  while (auto item = queue.Pop()) got.push_back(*item);
  producer.join();
  ASSERT_EQ(got.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(got[static_cast<std::size_t>(i)], i);
}

TEST(HandoffQueue, ClosingStopsABlockedProducerAndDrainsWhatWaits) {
  HandoffQueue<int> queue(1);
  ASSERT_TRUE(queue.Push(1));
  std::thread producer([&] { EXPECT_FALSE(queue.Push(2)); });  // blocks: the queue is full
  queue.Close();
  producer.join();
  EXPECT_EQ(queue.Pop(), std::optional<int>(1));
  EXPECT_EQ(queue.Pop(), std::nullopt);
  EXPECT_FALSE(queue.Push(3));
}

}  // namespace
}  // namespace cjl
