#include "common/standby_thread.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace cjl {
namespace {

using std::chrono::microseconds;

TEST(StandbyThreadTest, RunsAJobAndWaitSeesEverythingItWrote) {
  StandbyThread thread("cjl-test", microseconds(200));
  std::vector<int> written;
  thread.Run([&] {
    for (int i = 0; i < 1000; ++i) written.push_back(i);
  });
  thread.Wait();
  ASSERT_EQ(written.size(), 1000U);
  EXPECT_EQ(written.back(), 999);
}

TEST(StandbyThreadTest, RunsOnItsOwnThread) {
  StandbyThread thread("cjl-test", microseconds(200));
  std::thread::id ran_on;
  thread.Run([&] { ran_on = std::this_thread::get_id(); });
  thread.Wait();
  EXPECT_NE(ran_on, std::this_thread::get_id());
  EXPECT_NE(ran_on, std::thread::id());
}

// Arms the thread and hands it a job `times` times; how many jobs ran.
int RunArmed(std::chrono::microseconds armed_spin, int times) {
  StandbyThread thread("cjl-test", armed_spin);
  int ran = 0;
  for (int i = 0; i < times; ++i) {
    thread.Arm();
    thread.Run([&] { ++ran; });
    thread.Wait();
  }
  return ran;
}

TEST(StandbyThreadTest, ArmedThenRunRunsTheJob) {
  EXPECT_EQ(RunArmed(std::chrono::seconds(10), 1), 1);  // still spinning at Run
}

// With no spin at all, an armed thread falls back to idle at once (whatever the order of
// its fall-back and the Run): the job runs either way.
TEST(StandbyThreadTest, AJobHandedAfterTheArmedSpinEndedStillRuns) {
  EXPECT_EQ(RunArmed(microseconds(0), 200), 200);
}

TEST(StandbyThreadTest, RunsJobsOneAfterAnotherInOrder) {
  StandbyThread thread("cjl-test", microseconds(50));
  std::vector<int> order;
  for (int i = 0; i < 100; ++i) {
    if (i % 2 == 0) thread.Arm();
    thread.Run([&order, i] { order.push_back(i); });
    thread.Wait();
  }
  ASSERT_EQ(order.size(), 100U);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
}

TEST(StandbyThreadTest, WaitWithoutAJobReturnsAtOnce) {
  StandbyThread thread("cjl-test", microseconds(0));
  thread.Wait();  // a hang here fails the test by its timeout
  SUCCEED();
}

TEST(StandbyThreadTest, IsDestroyedWhileArmedOrAsleep) {
  { StandbyThread asleep("cjl-test", microseconds(0)); }
  {
    StandbyThread armed("cjl-test", std::chrono::seconds(10));
    armed.Arm();
  }  // the destructor ends the spin: a hang here fails the test by its timeout
  SUCCEED();
}

}  // namespace
}  // namespace cjl
