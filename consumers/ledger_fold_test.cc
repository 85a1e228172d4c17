// The threaded ledger fold against the serial one, on a real RocksDB ledger.
#include "consumers/ledger_fold.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/tamper.h"
#include "tests/support/temp_dir.h"

namespace cjl::consumers {
namespace {

using cjl::testing::CareStarted;
using cjl::testing::Moved;
using cjl::testing::Retracted;

class LedgerFoldTest : public ::testing::Test {
 protected:
  // 300 children x 10 events (3,000: several of the fold's 1,024-record batches), every
  // 7th child with its first move retracted.
  void SetUp() override {
    ledger_ = Open(false);
    ASSERT_NE(ledger_, nullptr);
    std::vector<events::Event> batch;
    for (int c = 0; c < 300; ++c) {
      const std::string child = "C" + std::to_string(c);
      batch.push_back(CareStarted(child + "-s", child, "2020-01-01"));
      for (int m = 1; m < 9; ++m) {
        const std::string day = "2020-01-" + std::string(m < 10 ? "0" : "") + std::to_string(m + 1);
        batch.push_back(Moved(child + "-m" + std::to_string(m), child, day.c_str(), "U4",
                              "K" + std::to_string(m)));
      }
      batch.push_back(c % 7 == 0 ? Retracted(child + "-x", child, "2020-02-01", child + "-m1")
                                 : Moved(child + "-m9", child, "2020-02-01", "U4", "K9"));
    }
    for (auto& r : ledger_->AppendBatch(batch)) ASSERT_OK(r);
  }

  std::unique_ptr<ledger::Ledger> Open(bool read_only) {
    ledger::LedgerOptions options;
    options.path = dir_.Sub("ledger");
    options.read_only = read_only;
    auto opened = ledger::Ledger::Open(options);
    return opened.ok() ? std::move(*opened) : nullptr;
  }

  projections::AuthorityState SerialFold(LedgerPosition from, std::uint64_t limit) {
    projections::AuthorityState state;
    EXPECT_OK(ledger_->Scan(from, limit, [&](events::RecordedEvent& r) {
      state.Apply(r);
      return true;
    }));
    return state;
  }

  cjl::testing::TempDir dir_;
  std::unique_ptr<ledger::Ledger> ledger_;
};

TEST_F(LedgerFoldTest, EqualsTheSerialFoldOfDecodedRecords) {
  projections::AuthorityState state;
  std::uint64_t last_progress = 0;
  auto folded = FoldLedger(*ledger_, LedgerPosition(1), UINT64_MAX, state,
                           [&](std::uint64_t done) { last_progress = done; });
  ASSERT_OK(folded);
  EXPECT_EQ(*folded, 3000u);
  EXPECT_EQ(last_progress, 3000u);
  EXPECT_EQ(state.size(), 300u);
  EXPECT_EQ(state, SerialFold(LedgerPosition(1), UINT64_MAX));
  const projections::ChildFacts* c0 = state.Find("C0");
  ASSERT_NE(c0, nullptr);
  EXPECT_EQ(c0->facts.size(), 8u) << "the retracted move is withheld";
  EXPECT_EQ(c0->withheld.size(), 1u);
}

TEST_F(LedgerFoldTest, FoldsARangeOnly) {
  projections::AuthorityState state;
  auto folded = FoldLedger(*ledger_, LedgerPosition(1001), 1500, state);
  ASSERT_OK(folded);
  EXPECT_EQ(*folded, 1500u);
  EXPECT_EQ(state, SerialFold(LedgerPosition(1001), 1500));
}

// 30 chunks of 100 dealt to 3 readers: chunks come back from alternating readers, and
// batches end at chunk ends.
constexpr FoldReaders kThreeReaders{3, 100};

TEST_F(LedgerFoldTest, SeveralReadersEqualTheSerialFold) {
  projections::AuthorityState state;
  std::vector<std::uint64_t> progress;
  auto folded = FoldLedger(
      *ledger_, LedgerPosition(1), UINT64_MAX, state,
      [&](std::uint64_t done) { progress.push_back(done); }, kThreeReaders);
  ASSERT_OK(folded);
  EXPECT_EQ(*folded, 3000u);
  EXPECT_EQ(state, SerialFold(LedgerPosition(1), UINT64_MAX));
  ASSERT_EQ(progress.size(), 30u) << "one batch per chunk of 100";
  EXPECT_EQ(progress.front(), 100u);
  EXPECT_EQ(progress.back(), 3000u);
}

TEST_F(LedgerFoldTest, SeveralReadersFoldARangeOnly) {
  projections::AuthorityState state;
  auto folded = FoldLedger(*ledger_, LedgerPosition(1001), 1550, state, {}, kThreeReaders);
  ASSERT_OK(folded);
  EXPECT_EQ(*folded, 1550u);
  EXPECT_EQ(state, SerialFold(LedgerPosition(1001), 1550));
}

TEST_F(LedgerFoldTest, AFoldEndsAtTheHeadItFoundAndFromBeyondItFoldsNothing) {
  projections::AuthorityState state;
  auto folded = FoldLedger(*ledger_, LedgerPosition(2950), UINT64_MAX, state, {}, kThreeReaders);
  ASSERT_OK(folded);
  EXPECT_EQ(*folded, 51u);
  auto beyond = FoldLedger(*ledger_, LedgerPosition(3001), UINT64_MAX, state);
  ASSERT_OK(beyond);
  EXPECT_EQ(*beyond, 0u);
}

class LedgerFoldDamageTest : public LedgerFoldTest,
                             public ::testing::WithParamInterface<FoldReaders> {
 protected:
  // Damages the closed ledger with `damage`, then folds it whole and expects kCorruption
  // with `expected` in the message.
  void ExpectCorruptionAfter(const std::function<bool(const std::string&)>& damage,
                             const std::string& expected) {
    ledger_.reset();
    ASSERT_TRUE(damage(dir_.Sub("ledger")));
    ledger_ = Open(true);
    ASSERT_NE(ledger_, nullptr);
    projections::AuthorityState state;
    auto folded = FoldLedger(*ledger_, LedgerPosition(1), UINT64_MAX, state, {}, GetParam());
    ASSERT_FALSE(folded.ok());
    EXPECT_EQ(folded.error().code(), ErrorCode::kCorruption);
    EXPECT_NE(folded.error().message().find(expected), std::string::npos)
        << folded.error().message();
  }
};

TEST_P(LedgerFoldDamageTest, ARecordWhoseHeadDoesNotDecodeStopsTheFoldNamingItsPosition) {
  // Break the format byte of the record at position 2,000, behind the ledger's back.
  ExpectCorruptionAfter(
      [](const std::string& path) {
        return cjl::testing::EditStoredRecord(path, 2000, [](std::string& v) { v[0] = 9; });
      },
      "position 2000");
}

TEST_P(LedgerFoldDamageTest, AMissingRecordStopsTheFoldNamingItsPosition) {
  ExpectCorruptionAfter(
      [](const std::string& path) { return cjl::testing::DeleteStoredRecord(path, 1234); },
      "position 1234: missing");
}

INSTANTIATE_TEST_SUITE_P(OneOrThreeReaders, LedgerFoldDamageTest,
                         ::testing::Values(FoldReaders{1, 8'192}, kThreeReaders));

}  // namespace
}  // namespace cjl::consumers
