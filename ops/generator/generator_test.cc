// The generator: deterministic, valid against the contract and the ledger's domain rules,
// and calibrated to England's published figures.
#include "ops/generator/generator.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "events/validation.h"
#include "ledger/ledger.h"
#include "projections/child_facts.h"
#include "projections/scorecard.h"
#include "tests/support/assert_ok.h"
#include "tests/support/temp_dir.h"

namespace cjl::generator {
namespace {

GeneratorOptions Options(std::uint64_t children, std::uint64_t seed) {
  GeneratorOptions o;
  o.children = children;
  o.from_year = 2014;
  o.to_year = 2024;
  o.seed = seed;
  o.last_date = MakeDate(2024, 6, 30);
  return o;
}

TEST(GeneratorTest, SameSeedGivesTheSameJourneys) {
  const GeneratorOptions o = Options(50, 7);
  for (std::uint64_t i = 0; i < 50; ++i) EXPECT_EQ(GenerateChild(o, i), GenerateChild(o, i));
  GeneratorOptions other = o;
  other.seed = 8;
  int differ = 0;
  for (std::uint64_t i = 0; i < 50; ++i) differ += GenerateChild(o, i) != GenerateChild(other, i);
  EXPECT_GT(differ, 45);
}

TEST(GeneratorTest, StreamsChildAfterChildInDateOrderWithinTheDates) {
  const GeneratorOptions o = Options(2000, 3);
  std::string child;
  Date last{};
  std::map<std::string, int> seen;
  std::uint64_t events = 0, children_done = 0;
  GenerateJourneys(
      o,
      [&](const events::Event& e) {
        ++events;
        if (e.child_id != child) {
          EXPECT_EQ(seen[e.child_id]++, 0) << "child " << e.child_id << " came back";
          child = e.child_id;
          last = Date{};
        }
        EXPECT_GE(e.occurred_on, last) << e.event_id;
        last = e.occurred_on;
        EXPECT_GE(e.occurred_on, FirstDay(o));
        EXPECT_LE(e.occurred_on, o.last_date);
        auto errors = events::ValidateEvent(e, o.last_date);
        EXPECT_TRUE(errors.empty())
            << e.event_id << ": " << errors.front().field << " " << errors.front().message;
      },
      [&](std::uint64_t done) { children_done = done; });
  EXPECT_EQ(children_done, 2000u);
  EXPECT_EQ(seen.size(), 2000u);
  EXPECT_GT(events, 2000u * 10);
}

TEST(GeneratorTest, LedgerAcceptsEveryGeneratedEvent) {
  testing::TempDir dir;
  ledger::LedgerOptions lo;
  lo.path = dir.Sub("ledger");
  lo.sync = false;
  auto ledger = ledger::Ledger::Open(lo);
  ASSERT_OK(ledger);
  const GeneratorOptions o = Options(3000, 11);
  std::vector<events::Event> batch;
  std::uint64_t appended = 0, rejected = 0;
  auto flush = [&] {
    auto results = (*ledger)->AppendBatch(batch);
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (results[i].ok() && !results[i]->duplicate) {
        ++appended;
      } else {
        ++rejected;
        if (rejected <= 5) {
          ADD_FAILURE() << batch[i].event_id << " "
                        << (results[i].ok() ? "duplicate" : results[i].error().ToString());
        }
      }
    }
    batch.clear();
  };
  GenerateJourneys(o, [&](const events::Event& e) {
    batch.push_back(e);
    if (batch.size() >= 8192) flush();
  });
  flush();
  EXPECT_EQ(rejected, 0u);
  EXPECT_GT(appended, 30000u);
}

// England's published figures (children looked after in England, year ending 31 March):
// about 10% with 3+ placements, about 69% long-term stability, about 9% of ceasers adopted
// and 12% leaving on an SGO, about 19 months from entry to placement for adoption (A1).
TEST(GeneratorTest, FiguresLandNearEnglandsFor20000Children) {
  const GeneratorOptions o = Options(20000, 2024);
  projections::AuthorityState state;
  std::uint64_t position = 0;
  GenerateJourneys(o, [&](const events::Event& e) {
    events::RecordedEvent r;
    r.event = e;
    r.position = LedgerPosition(++position);
    state.Apply(r);
  });
  const Date as_at = MakeDate(2024, 3, 31);
  const projections::Scorecard s =
      projections::ComputeScorecard(state, as_at, projections::CountingProfile::kDfe);
  auto share = [&](const char* reason) {
    for (const auto& [key, children] : s.ceased_by_reason) {
      if (key == reason) return 100.0 * children.size() / s.ceased.size();
    }
    return 0.0;
  };
  const double three_plus = s.three_plus_placements.percent().value_or(-1);
  const double stability = s.long_term_stability.percent().value_or(-1);
  const double adopted = share("adopted");
  const double sgo = share("special_guardianship");
  const double a1_months = s.adoption.a1.mean().value_or(-1) / (365.25 / 12);
  std::printf(
      "as at 2024-03-31: looked after %zu, started %zu, ceased %zu; 3+ placements %.1f%%, "
      "long-term stability %.1f%% (of %ld), ceased adopted %.1f%%, SGO %.1f%%, returned home "
      "%.1f%%, A1 %.1f months (%zu adopted in 3 years), A10 %.0f days, A2 %.0f days\n",
      s.looked_after.size(), s.started.size(), s.ceased.size(), three_plus, stability,
      s.long_term_stability.denominator, adopted, sgo, share("returned_home"), a1_months,
      s.adoption.a1.days.size(), s.adoption.a10.mean().value_or(-1),
      s.adoption.a2.mean().value_or(-1));
  EXPECT_NEAR(three_plus, 10, 3);
  EXPECT_NEAR(stability, 69, 6);
  EXPECT_NEAR(adopted, 9, 2.5);
  EXPECT_NEAR(sgo, 12, 3);
  EXPECT_NEAR(a1_months, 19, 2);
}

}  // namespace
}  // namespace cjl::generator
