#include "ledger/ledger.h"

#include <gtest/gtest.h>

#include <set>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "events/event_binary.h"
#include "ledger/keys.h"
#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/tamper.h"
#include "tests/support/temp_dir.h"

namespace cjl::ledger {
namespace {

using namespace cjl::testing;

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen(bool read_only = false) {
    ledger_.reset();
    LedgerOptions options;
    options.path = dir_.Sub("ledger");
    options.read_only = read_only;
    auto opened = Ledger::Open(options);
    ASSERT_OK(opened);
    ledger_ = std::move(*opened);
  }
  TempDir dir_;
  std::unique_ptr<Ledger> ledger_;
};

TEST_F(LedgerTest, AppendAssignsPositionsVersionsAndChain) {
  auto a = ledger_->Append(CareStarted("s1", "A", "2022-01-10"));
  auto b = ledger_->Append(CareStarted("s2", "B", "2022-01-11"));
  auto c = ledger_->Append(Moved("m1", "A", "2022-02-01", "U2", "k2"));
  ASSERT_OK(a);
  ASSERT_OK(b);
  ASSERT_OK(c);
  EXPECT_EQ(a->position, LedgerPosition(1));
  EXPECT_EQ(b->position, LedgerPosition(2));
  EXPECT_EQ(c->position, LedgerPosition(3));
  EXPECT_EQ(c->stream_version, StreamVersion(2));
  EXPECT_EQ(ledger_->Head(), LedgerPosition(3));

  auto r1 = ledger_->Read(LedgerPosition(1));
  auto r2 = ledger_->Read(LedgerPosition(2));
  ASSERT_OK(r1);
  ASSERT_OK(r2);
  EXPECT_EQ(r1->prev_hash, events::Sha256{});
  EXPECT_EQ(r2->prev_hash, r1->hash);
  EXPECT_NE(r1->recorded_at_us, 0);

  auto stream = ledger_->ReadStream("A", StreamVersion(1));
  ASSERT_OK(stream);
  ASSERT_EQ(stream->size(), 2u);
  EXPECT_EQ((*stream)[1].event.event_id, "m1");
  auto version = ledger_->CurrentStreamVersion("A");
  ASSERT_OK(version);
  EXPECT_EQ(*version, StreamVersion(2));
}

TEST_F(LedgerTest, SameIdSameContentIsADuplicateWithTheFirstPosition) {
  auto e = CareStarted("s1", "A", "2022-01-10");
  ASSERT_OK(ledger_->Append(e));
  ASSERT_OK(ledger_->Append(CareStarted("s2", "B", "2022-01-10")));
  auto again = ledger_->Append(e);
  ASSERT_OK(again);
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->position, LedgerPosition(1));
  EXPECT_EQ(ledger_->Head(), LedgerPosition(2));
}

TEST_F(LedgerTest, SameIdOtherContentIsAConflict) {
  ASSERT_OK(ledger_->Append(CareStarted("s1", "A", "2022-01-10")));
  auto other = ledger_->Append(CareStarted("s1", "A", "2022-01-11"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(ledger_->Head(), LedgerPosition(1));
}

TEST_F(LedgerTest, AppendRejectsStaleExpectedVersion) {
  ASSERT_OK(ledger_->Append(CareStarted("s1", "A", "2022-01-10"), StreamVersion(0)));
  auto stale = ledger_->Append(Moved("m1", "A", "2022-02-01", "U2", "k2"), StreamVersion(0));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  ASSERT_OK(ledger_->Append(Moved("m1", "A", "2022-02-01", "U2", "k2"), StreamVersion(1)));
}

TEST_F(LedgerTest, ConcurrentWritersWithTheSameExpectedVersionOneWins) {
  ASSERT_OK(ledger_->Append(CareStarted("s1", "A", "2022-01-10")));
  constexpr int kThreads = 8;
  std::vector<Result<Appended>> results(kThreads, Error(ErrorCode::kInternal, "not run"));
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      results[i] = ledger_->Append(
          Moved("m" + std::to_string(i), "A", "2022-02-01", "U2", "k" + std::to_string(i)),
          StreamVersion(1));
    });
  }
  for (auto& t : threads) t.join();
  int won = 0, conflicts = 0;
  for (auto& r : results) {
    if (r.ok())
      ++won;
    else if (r.error().code() == ErrorCode::kConflict)
      ++conflicts;
  }
  EXPECT_EQ(won, 1);
  EXPECT_EQ(conflicts, kThreads - 1);
}

TEST_F(LedgerTest, DomainRuleRejectionNamesTheRule) {
  auto r = ledger_->Append(Moved("m1", "C000123", "2022-05-01", "U1", "k"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  ASSERT_EQ(r.error().details().size(), 1u);
  EXPECT_EQ(r.error().details()[0].message,
            "PlacementMoved on 2022-05-01: child C000123 has no open period of care");
  EXPECT_EQ(ledger_->Head(), LedgerPosition(0));
}

TEST_F(LedgerTest, ContractRulesAreCheckedByTheLedgerToo) {
  auto e = CareStarted("s1", "A", "2022-01-10");
  e.payload.placement->placement_type = "U9";
  auto r = ledger_->Append(e);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().details().at(0).field, "payload.placement.placement_type");
}

TEST_F(LedgerTest, BatchJudgesEachEventAndSeesEarlierOnesInTheBatch) {
  std::vector<events::Event> batch = {
      CareStarted("s1", "A", "2022-01-10"),
      Moved("m1", "A", "2022-02-01", "U2", "k2"),   // needs s1, in the same batch
      Moved("bad", "B", "2022-02-01", "U2", "k2"),  // no period for B
      CareStarted("s1", "A", "2022-01-10"),         // duplicate of the first
      Moved("m2", "A", "2022-03-01", "U3", "k3"),
  };
  auto results = ledger_->AppendBatch(batch);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_OK(results[0]);
  EXPECT_OK(results[1]);
  EXPECT_FALSE(results[2].ok());
  ASSERT_OK(results[3]);
  EXPECT_TRUE(results[3]->duplicate);
  EXPECT_EQ(results[3]->position, LedgerPosition(1));
  ASSERT_OK(results[4]);
  EXPECT_EQ(results[4]->position, LedgerPosition(3));
  EXPECT_EQ(results[4]->stream_version, StreamVersion(3));
}

// A group of this size is written in chunks while it is judged (rocks_ledger.h): a
// rejection, a duplicate and the chunk boundaries must not disturb positions or chain.
std::vector<events::Event> LargeBatch(int round, int children) {
  std::vector<events::Event> batch;
  for (int c = 0; c < children; ++c) {
    const std::string child = "R" + std::to_string(round) + "-" + std::to_string(c);
    batch.push_back(CareStarted(child + "-s", child, "2022-01-10"));
    batch.push_back(Moved(child + "-m", child, "2022-02-01", "U2", "k" + std::to_string(c)));
  }
  return batch;
}

TEST_F(LedgerTest, ALargeGroupIsJudgedLikeASmallOne) {
  std::vector<events::Event> batch = LargeBatch(0, 300);
  batch.insert(batch.begin() + 250, Moved("bad", "nobody", "2022-02-01", "U2", "k2"));
  batch.insert(batch.begin() + 400, batch[10]);  // a duplicate across chunks
  auto results = ledger_->AppendBatch(batch);
  ASSERT_EQ(results.size(), 602u);
  EXPECT_FALSE(results[250].ok());
  ASSERT_OK(results[400]);
  EXPECT_TRUE(results[400]->duplicate);
  EXPECT_EQ(results[400]->position, results[10]->position);
  std::uint64_t expected = 1;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i == 250 || i == 400) continue;
    ASSERT_OK(results[i]);
    EXPECT_EQ(results[i]->position, LedgerPosition(expected++)) << i;
  }
  EXPECT_EQ(ledger_->Head(), LedgerPosition(600));
  Reopen();  // the head and chain head written with the last chunk agree with the log
  EXPECT_EQ(ledger_->Head(), LedgerPosition(600));
  auto report = ledger_->Verify();
  EXPECT_FALSE(report.broken) << report.problem;
  EXPECT_EQ(report.events, 600u);
}

// Callers appending at once share groups, which are judged partly on the judge thread:
// every caller's results must be its own events', at the positions where they are stored.
TEST_F(LedgerTest, ConcurrentLargeBatchesAreEachAnsweredForTheirOwnEvents) {
  constexpr int kCallers = 4;
  constexpr int kBatches = 8;
  std::vector<std::thread> callers;
  std::vector<std::vector<std::pair<std::string, LedgerPosition>>> answered(kCallers);
  for (int t = 0; t < kCallers; ++t) {
    callers.emplace_back([&, t] {
      for (int b = 0; b < kBatches; ++b) {
        const std::vector<events::Event> batch = LargeBatch(t * kBatches + b, 40 + 7 * b);
        auto results = ledger_->AppendBatch(batch);
        ASSERT_EQ(results.size(), batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
          ASSERT_OK(results[i]);
          answered[t].emplace_back(batch[i].event_id, results[i]->position);
        }
      }
    });
  }
  for (auto& caller : callers) caller.join();
  std::set<std::uint64_t> positions;
  for (const auto& caller : answered) {
    for (const auto& [id, position] : caller) {
      EXPECT_TRUE(positions.insert(position.value()).second) << "position given twice";
      auto stored = ledger_->Read(position);
      ASSERT_OK(stored);
      EXPECT_EQ(stored->event.event_id, id);
    }
  }
  EXPECT_EQ(positions.size(), ledger_->Head().value());
  auto report = ledger_->Verify();
  EXPECT_FALSE(report.broken) << report.problem;
}

// A group whose events after its last queued chunk are all refused ends with a chunk of
// the head alone: that synced write is what makes the queued chunks durable.
TEST_F(LedgerTest, AGroupWhoseLastEventsAreRefusedIsStillDurable) {
  std::vector<events::Event> batch = LargeBatch(0, 60);  // 120 events, chunked
  for (int i = 0; i < 60; ++i) {
    batch.push_back(Moved("orphan" + std::to_string(i), "nobody", "2022-02-01", "U2", "k"));
  }
  auto results = ledger_->AppendBatch(batch);
  ASSERT_EQ(results.size(), 180u);
  for (std::size_t i = 0; i < 120; ++i) ASSERT_OK(results[i]);
  for (std::size_t i = 120; i < 180; ++i) EXPECT_FALSE(results[i].ok()) << i;
  EXPECT_EQ(ledger_->Head(), LedgerPosition(120));
  Reopen();
  EXPECT_EQ(ledger_->Head(), LedgerPosition(120));
  auto report = ledger_->Verify();
  EXPECT_FALSE(report.broken) << report.problem;
  EXPECT_EQ(report.events, 120u);
}

// The ids of a group are looked up in slices, by the events' places in the group: events
// already in the ledger, scattered through a later group, must each be found at their
// own position, and the new events between them appended in order.
TEST_F(LedgerTest, EarlierEventsScatteredThroughALargeGroupAreDuplicatesAtTheirPositions) {
  const std::vector<events::Event> first = LargeBatch(0, 100);  // positions 1..200
  for (auto& r : ledger_->AppendBatch(first)) ASSERT_OK(r);
  std::vector<events::Event> group = LargeBatch(1, 100);  // 200 new events
  const std::vector<std::size_t> places = {0, 31, 32, 33, 95, 150, 203};
  for (std::size_t k = 0; k < places.size(); ++k) {
    group.insert(group.begin() + places[k], first[k * 29]);
  }
  auto results = ledger_->AppendBatch(group);
  ASSERT_EQ(results.size(), 207u);
  std::uint64_t next_new = 201;
  for (std::size_t i = 0, k = 0; i < results.size(); ++i) {
    ASSERT_OK(results[i]);
    if (k < places.size() && i == places[k]) {
      EXPECT_TRUE(results[i]->duplicate) << i;
      EXPECT_EQ(results[i]->position, LedgerPosition(k * 29 + 1)) << i;
      ++k;
    } else {
      EXPECT_FALSE(results[i]->duplicate) << i;
      EXPECT_EQ(results[i]->position, LedgerPosition(next_new++)) << i;
    }
  }
  EXPECT_EQ(ledger_->Head(), LedgerPosition(400));
}

// Chunks are in RocksDB before the group is durable; a reader must never see one. A scan
// that saw a position beyond the head read after it would have seen an unsynced chunk;
// the same for the stream, id and version reads of the first child of the group being
// appended (in its first chunk, in RocksDB for most of the group's commit) and of its
// last child.
TEST_F(LedgerTest, ReadersNeverSeeAGroupBeforeItIsDurable) {
  constexpr int kChildren = 500;
  std::atomic<bool> done{false};
  std::atomic<int> scans{0};
  std::atomic<int> round_in_flight{0};
  std::thread reader([&] {
    while (!done.load()) {
      const int round = round_in_flight.load();
      const LedgerPosition round_end(static_cast<std::uint64_t>(round + 1) * 2 * kChildren);
      for (int c : {0, kChildren - 1}) {
        const std::string child = "R" + std::to_string(round) + "-" + std::to_string(c);
        auto version = ledger_->CurrentStreamVersion(child);
        auto id = ledger_->FindEventId(child + "-s");
        auto stream = ledger_->ReadStream(child, StreamVersion(1));
        ASSERT_OK(version);
        ASSERT_OK(id);
        ASSERT_OK(stream);
        if (version->value() > 0 || id->has_value() || !stream->empty()) {
          ASSERT_GE(ledger_->Head(), round_end) << "a read saw child " << child << " early";
        }
      }

      std::uint64_t last = 0;
      Status s = ledger_->ScanRecordBytes(LedgerPosition(1), UINT64_MAX,
                                          [&](LedgerPosition p, std::string_view) {
                                            last = p.value();
                                            return true;
                                          });
      ASSERT_OK(s);
      const LedgerPosition head = ledger_->Head();
      ASSERT_LE(last, head.value()) << "a scan saw position " << last << " beyond the head";
      auto beyond = ledger_->Read(head.next());
      if (beyond.ok()) {
        // Only legitimate if a later group became durable meanwhile.
        ASSERT_GT(ledger_->Head(), head);
      }
      scans.fetch_add(1);
    }
  });
  for (int round = 0; round < 20; ++round) {
    round_in_flight = round;
    auto results = ledger_->AppendBatch(LargeBatch(round, kChildren));
    ASSERT_TRUE(results.back().ok());
  }
  done = true;
  reader.join();
  EXPECT_GT(scans.load(), 0);
  EXPECT_EQ(ledger_->Head(), LedgerPosition(20 * 2 * kChildren));
}

TEST_F(LedgerTest, AnUnsyncedCursorIsStillWrittenThroughTheLog) {
  ASSERT_OK(ledger_->SetCursor("relay", LedgerPosition(5), Ledger::CursorSync::kNoSync));
  ASSERT_OK(ledger_->SetCursor("other", LedgerPosition(2)));
  Reopen();
  auto relay = ledger_->GetCursor("relay");
  ASSERT_OK(relay);
  EXPECT_EQ(*relay, LedgerPosition(5));
  auto other = ledger_->GetCursor("other");
  ASSERT_OK(other);
  EXPECT_EQ(*other, LedgerPosition(2));
}

TEST_F(LedgerTest, ReopenKeepsEverythingAndContinuesTheChain) {
  ASSERT_OK(ledger_->Append(CareStarted("s1", "A", "2022-01-10")));
  ASSERT_OK(ledger_->Append(Moved("m1", "A", "2022-02-01", "U2", "k2")));
  const auto head_hash = ledger_->ChainHead();
  ASSERT_OK(ledger_->SetCursor("relay", LedgerPosition(1)));
  Reopen();
  EXPECT_EQ(ledger_->Head(), LedgerPosition(2));
  EXPECT_EQ(ledger_->ChainHead(), head_hash);
  auto cursor = ledger_->GetCursor("relay");
  ASSERT_OK(cursor);
  EXPECT_EQ(*cursor, LedgerPosition(1));
  // The writer's view of the child's stream is rebuilt from disk: versions continue.
  auto m2 = ledger_->Append(Moved("m2", "A", "2022-03-01", "U3", "k3"));
  ASSERT_OK(m2);
  EXPECT_EQ(m2->stream_version, StreamVersion(3));
  auto dup = ledger_->Append(CareStarted("s1", "A", "2022-01-10"));
  ASSERT_OK(dup);
  EXPECT_TRUE(dup->duplicate);
  auto report = ledger_->Verify();
  EXPECT_FALSE(report.broken) << report.problem;
  EXPECT_EQ(report.events, 3u);
}

// After a reopen every earlier event must still be a duplicate at its position, and every
// child's stream must continue: first before the writer's fingerprint sets are filled
// (every id and child looked up in RocksDB), then with them.
void ExpectDuplicatesAt(Ledger& ledger, const std::vector<events::Event>& batch,
                        const std::vector<Result<Appended>>& first) {
  auto again = ledger.AppendBatch(batch);
  ASSERT_EQ(again.size(), first.size());
  for (std::size_t i = 0; i < again.size(); ++i) {
    ASSERT_OK(again[i]);
    EXPECT_TRUE(again[i]->duplicate) << i;
    EXPECT_EQ(again[i]->position, first[i]->position) << i;
  }
}

void ExpectStreamsContinue(Ledger& ledger, const std::string& prefix, StreamVersion next) {
  for (int c : {0, 350, 699}) {
    const std::string child = prefix + std::to_string(c);
    auto appended = ledger.Append(
        Moved(child + "-m" + std::to_string(next.value()), child, "2022-03-01", "U3", "k"));
    ASSERT_OK(appended);
    EXPECT_EQ(appended->stream_version, next) << child;
  }
}

TEST_F(LedgerTest, AfterReopenEveryEarlierIdIsADuplicateAndEveryChildContinues) {
  const std::vector<events::Event> batch = LargeBatch(0, 700);  // 1,400 events
  auto first = ledger_->AppendBatch(batch);
  for (const auto& r : first) ASSERT_OK(r);
  Reopen();
  // 1,400 stored ids: the sets wait until this writer has judged 175 events, so the
  // three continuing children, then the 1,400 duplicates, are all looked up in RocksDB.
  ExpectStreamsContinue(*ledger_, "R0-", StreamVersion(3));
  ExpectDuplicatesAt(*ledger_, batch, first);
  EXPECT_EQ(ledger_->Head(), LedgerPosition(1403));
}

// The same with the sets filled: the test fails if either set misses what was stored.
TEST_F(LedgerTest, AfterReopenTheFilledSetsKnowEveryEarlierIdAndChild) {
  const std::vector<events::Event> batch = LargeBatch(0, 700);  // 1,400 events
  auto first = ledger_->AppendBatch(batch);
  for (const auto& r : first) ASSERT_OK(r);
  Reopen();
  // 400 events judged (more than an eighth of the 1,400 stored ids): the next group
  // fills the sets before it is judged.
  for (const auto& r : ledger_->AppendBatch(LargeBatch(1, 200))) ASSERT_OK(r);
  ExpectDuplicatesAt(*ledger_, batch, first);
  ExpectStreamsContinue(*ledger_, "R0-", StreamVersion(3));
  EXPECT_EQ(ledger_->Head(), LedgerPosition(1803));
}

TEST_F(LedgerTest, ReadOnlyRefusesAppends) {
  ASSERT_OK(ledger_->Append(CareStarted("s1", "A", "2022-01-10")));
  Reopen(/*read_only=*/true);
  EXPECT_EQ(ledger_->Head(), LedgerPosition(1));
  EXPECT_FALSE(ledger_->Append(CareStarted("s2", "B", "2022-01-10")).ok());
}

TEST_F(LedgerTest, ScanVisitsInPositionOrderFromAPosition) {
  for (int i = 0; i < 10; ++i) {
    ASSERT_OK(ledger_->Append(
        CareStarted("s" + std::to_string(i), "C" + std::to_string(i), "2022-01-10")));
  }
  std::vector<std::uint64_t> seen;
  ASSERT_OK(ledger_->Scan(LedgerPosition(4), 3, [&](const events::RecordedEvent& r) {
    seen.push_back(r.position.value());
    return true;
  }));
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{4, 5, 6}));
}

TEST_F(LedgerTest, VerifyNamesTheFirstTamperedPosition) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_OK(ledger_->Append(
        CareStarted("s" + std::to_string(i), "C" + std::to_string(i), "2022-01-10")));
  }
  ledger_.reset();
  // Flip one byte of the stored event at position 3, behind the ledger's back.
  ASSERT_TRUE(EditStoredRecord(dir_.Sub("ledger"), 3, [](std::string& value) {
    value[value.size() - 100] ^= 0x01;  // in the payload, before the timestamps and hashes
  }));
  Reopen(true);
  auto report = ledger_->Verify();
  ASSERT_TRUE(report.broken.has_value());
  EXPECT_EQ(*report.broken, LedgerPosition(3)) << report.problem;
  EXPECT_EQ(report.events, 2u);
}

TEST_F(LedgerTest, VerifyNamesADamagedLastRecordThatAFullOpenRefuses) {
  for (int i = 0; i < 4; ++i) {
    ASSERT_OK(ledger_->Append(
        CareStarted("s" + std::to_string(i), "C" + std::to_string(i), "2022-01-10")));
  }
  ASSERT_OK(ledger_->Append(Moved("s4", "C0", "2022-02-01", "U2", "zq7xj4wv9ky2")));
  ledger_.reset();  // a clean close flushes: the records are in an SST file
  // Flip one byte of the last record inside the events column family's SST file, under
  // RocksDB's block checksum (not through RocksDB, as EditStoredRecord does). The carer id
  // shares no four bytes with the rest, so Snappy stores it as it is.
  const std::string marker = "zq7xj4wv9ky2";
  bool flipped = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.Sub("ledger"))) {
    if (entry.path().extension() != ".sst") continue;
    std::fstream file(entry.path(), std::ios::in | std::ios::out | std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const auto at = bytes.find(marker);
    if (at == std::string::npos) continue;
    file.seekp(static_cast<std::streamoff>(at));
    file.put(static_cast<char>(bytes[at] ^ 0x01));
    flipped = true;
  }
  ASSERT_TRUE(flipped);
  LedgerOptions options;
  options.path = dir_.Sub("ledger");
  options.read_only = true;
  auto refused = Ledger::Open(options);  // its check reads the last record
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), ErrorCode::kCorruption);
  options.check_head_on_open = false;  // as `cjl verify` opens it
  auto opened = Ledger::Open(options);
  ASSERT_OK(opened);
  auto report = (*opened)->Verify();
  ASSERT_TRUE(report.broken.has_value());
  EXPECT_LE(*report.broken, LedgerPosition(5)) << report.problem;
  EXPECT_NE(report.problem.find("Corruption"), std::string::npos) << report.problem;
}

}  // namespace
}  // namespace cjl::ledger
