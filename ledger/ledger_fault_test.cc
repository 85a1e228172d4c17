// Crash test: a forked writer appends and reports each acknowledged event id over a pipe;
// the parent SIGKILLs it mid-append, reopens the ledger and proves that every acknowledged
// event is there, nothing is there twice, and the chain verifies.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <new>
#include <set>
#include <stdexcept>
#include <thread>

#include "ledger/ledger.h"
#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/temp_dir.h"

namespace cjl::ledger {
namespace {

using namespace cjl::testing;

constexpr int kWriterThreads = 4;

events::Event NthEventOf(int thread, int n) {
  std::string child = "T" + std::to_string(thread) + "-" + std::to_string(n / 4);
  std::string id = "e-" + std::to_string(thread) + "-" + std::to_string(n);
  return n % 4 == 0 ? CareStarted(id, child, "2022-01-10")
                    : Moved(id, child, "2022-02-01", "U2", "k" + std::to_string(n));
}

// Child process: appends forever from several threads, `batch` events per call (a batch
// of 64 or more is written in chunks while it is judged); after each acknowledgement writes
// "<event id>\n" to `fd` for every event of it (small writes to a pipe are atomic).
[[noreturn]] void RunWriter(const std::string& path, int fd, int batch) {
  LedgerOptions options;
  options.path = path;
  auto ledger = Ledger::Open(options);
  if (!ledger.ok()) _exit(3);
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriterThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0;;) {
        std::vector<events::Event> events;
        for (int i = 0; i < batch; ++i) events.push_back(NthEventOf(t, n++));
        auto results = (*ledger)->AppendBatch(events);
        for (std::size_t i = 0; i < events.size(); ++i) {
          if (!results[i].ok()) _exit(4);
          std::string line = events[i].event_id + "\n";
          if (write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  _exit(0);
}

// Kills a writer of `batch`-event appends three times, each after more acknowledgements,
// and checks that every acknowledged event is there once and the chain verifies.
void KillAndCheck(int batch) {
  TempDir dir;
  const std::string path = dir.Sub("ledger");
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      RunWriter(path, fds[1], batch);
    }
    close(fds[1]);
    // Wait (on the pipe, not a clock) until enough appends were acknowledged, then kill.
    std::set<std::string> acked;
    std::string buffer;
    char chunk[4096];
    const std::size_t kill_after = (200 + 150 * round) * static_cast<std::size_t>(batch);
    bool killed = false;
    for (;;) {
      ssize_t n = read(fds[0], chunk, sizeof chunk);
      if (n <= 0) break;  // the writer is dead and the pipe drained
      buffer.append(chunk, n);
      std::size_t nl;
      while ((nl = buffer.find('\n')) != std::string::npos) {
        acked.insert(buffer.substr(0, nl));
        buffer.erase(0, nl + 1);
      }
      if (!killed && acked.size() >= kill_after) {
        ASSERT_EQ(kill(pid, SIGKILL), 0);
        killed = true;
      }
    }
    close(fds[0]);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "writer exited on its own with status " << status;

    LedgerOptions options;
    options.path = path;
    options.read_only = true;
    auto ledger = Ledger::Open(options);
    ASSERT_OK(ledger);
    for (const std::string& id : acked) {
      auto found = (*ledger)->FindEventId(id);
      ASSERT_OK(found);
      EXPECT_TRUE(found->has_value()) << "acknowledged event " << id << " lost in round " << round;
    }
    std::set<std::string> ids;
    ASSERT_OK((*ledger)->Scan(LedgerPosition(1), UINT64_MAX, [&](const events::RecordedEvent& r) {
      EXPECT_TRUE(ids.insert(r.event.event_id).second) << "appended twice: " << r.event.event_id;
      return true;
    }));
    EXPECT_GE(ids.size(), acked.size());
    auto report = (*ledger)->Verify();
    EXPECT_FALSE(report.broken) << "position " << report.broken->value() << ": " << report.problem;
    EXPECT_EQ(report.events, (*ledger)->Head().value());
  }
}

TEST(LedgerFaultTest, EveryAcknowledgedEventSurvivesSigkillMidAppend) { KillAndCheck(1); }

// An exception inside a group commit (here from the clock the ledger reads once per
// group, standing in for a failed allocation) fails that group and every later append at
// once, rather than leaving the next caller waiting for a leader that is gone; a reopened
// ledger takes the refused events.
TEST(LedgerFaultTest, AnExceptionInAGroupCommitFailsTheLedgerInsteadOfHangingIt) {
  TempDir dir;
  std::atomic<bool> throw_once{false};
  LedgerOptions options;
  options.path = dir.Sub("ledger");
  options.today = [&] {
    if (throw_once.exchange(false)) throw std::bad_alloc();
    return TodayUtc();
  };
  {
    auto ledger = Ledger::Open(options);
    ASSERT_OK(ledger);
    ASSERT_OK((*ledger)->Append(CareStarted("s1", "A", "2022-01-10")));
    throw_once = true;
    const std::vector<events::Event> refused = {Moved("m1", "A", "2022-02-01", "U2", "k2"),
                                                CareStarted("s2", "B", "2022-01-10")};
    for (const auto& r : (*ledger)->AppendBatch(refused)) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
      EXPECT_NE(r.error().message().find("refuses appends until it is reopened"), std::string::npos)
          << r.error().message();
    }
    // Answered at once from other threads too (a hang here fails the test's timeout).
    std::thread other([&] { EXPECT_FALSE((*ledger)->Append(refused[1]).ok()); });
    other.join();
    EXPECT_EQ((*ledger)->Head(), LedgerPosition(1));
  }
  auto reopened = Ledger::Open(options);
  ASSERT_OK(reopened);
  auto again = (*reopened)->AppendBatch(
      {Moved("m1", "A", "2022-02-01", "U2", "k2"), CareStarted("s2", "B", "2022-01-10")});
  for (const auto& r : again) ASSERT_OK(r);
  EXPECT_EQ(again.back()->position, LedgerPosition(3));
  auto report = (*reopened)->Verify();
  EXPECT_FALSE(report.broken) << report.problem;
}

TEST(LedgerFaultTest, EveryAcknowledgedEventSurvivesSigkillMidChunkedAppend) { KillAndCheck(200); }

// Forks a process that opens the ledger at `path` unsynced, runs `work` on it and, if
// that returns true, waits to be killed; SIGKILLs it then (after `work`, before any
// other write could flush what it wrote). False if `work` failed.
template <typename Work>
bool RunUnsyncedThenKill(const std::string& path, Work work) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    close(fds[0]);
    LedgerOptions options;
    options.path = path;
    options.sync = false;
    auto ledger = Ledger::Open(options);
    if (!ledger.ok() || !work(**ledger)) _exit(3);
    if (write(fds[1], "done", 4) != 4) _exit(4);
    for (;;) pause();
  }
  close(fds[1]);
  char reported[4];
  const bool done = read(fds[0], reported, sizeof reported) == 4;
  close(fds[0]);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  return done && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// The WAL is flushed by hand (manual_wal_flush): what an unsynced ledger appended (a group
// written in chunks, then a single event), and an unsynced cursor, must still reach the
// OS before the call returns, as they did without the option, so that they survive the
// process being killed.
TEST(LedgerFaultTest, UnsyncedAppendsAndCursorsSurviveSigkillOfTheProcess) {
  TempDir dir;
  const std::string path = dir.Sub("ledger");
  constexpr int kGroup = 200;  // written in chunks
  ASSERT_TRUE(RunUnsyncedThenKill(path, [&](Ledger& ledger) {
    std::vector<events::Event> group;
    for (int n = 0; n < kGroup; ++n) group.push_back(NthEventOf(0, n));
    for (const auto& r : ledger.AppendBatch(group)) {
      if (!r.ok()) return false;
    }
    return ledger.Append(NthEventOf(1, 0)).ok();
  }));
  ASSERT_TRUE(RunUnsyncedThenKill(path, [&](Ledger& ledger) {
    return ledger.SetCursor("relay", LedgerPosition(kGroup), Ledger::CursorSync::kNoSync).ok();
  }));

  LedgerOptions options;
  options.path = path;
  options.read_only = true;
  auto ledger = Ledger::Open(options);
  ASSERT_OK(ledger);
  EXPECT_EQ((*ledger)->Head(), LedgerPosition(kGroup + 1));
  auto cursor = (*ledger)->GetCursor("relay");
  ASSERT_OK(cursor);
  EXPECT_EQ(*cursor, LedgerPosition(kGroup));
  auto report = (*ledger)->Verify();
  EXPECT_FALSE(report.broken) << report.problem;
  EXPECT_EQ(report.events, static_cast<std::uint64_t>(kGroup + 1));
}

// A commit hook (the metrics) that throws after a group is durable must not turn the
// durable group into a failure, nor stop the ledger.
TEST(LedgerFaultTest, AThrowingCommitHookLeavesTheDurableGroupAcknowledged) {
  TempDir dir;
  LedgerOptions options;
  options.path = dir.Sub("ledger");
  options.on_commit = [](std::size_t, std::chrono::microseconds, bool) {
    throw std::runtime_error("metrics hook failed");
  };
  auto ledger = Ledger::Open(options);
  ASSERT_OK(ledger);
  auto first = (*ledger)->AppendBatch(
      {CareStarted("s1", "A", "2022-01-10"), Moved("m1", "A", "2022-02-01", "U2", "k2")});
  for (const auto& r : first) ASSERT_OK(r);
  auto next = (*ledger)->Append(CareStarted("s2", "B", "2022-01-10"));
  ASSERT_OK(next);
  EXPECT_EQ(next->position, LedgerPosition(3));
}

}  // namespace
}  // namespace cjl::ledger
