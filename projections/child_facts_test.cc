// Tests of the per-child reducer and the authority state: business order, idempotency,
// retractions in any order.
#include "projections/child_facts.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "projections/test_events.h"

namespace cjl::projections {
namespace {

using testing::Child;
using testing::D;
using testing::EventLog;

std::vector<std::string> Ids(const std::vector<Fact>& v) {
  std::vector<std::string> ids;
  for (const auto& f : v) ids.emplace_back(f.event_id());
  return ids;
}

TEST(ChildFacts, KeepsFactsInBusinessOrderWhateverTheArrivalOrder) {
  EventLog log;
  Child c(log, "C1");
  c.Starts("2021-05-01", "C2", "U4", "F1")
      .Review("2021-05-20")
      .Moves("2021-03-01", "U4", "F0");  // back-dated
  ChildFacts in_order, reversed;
  for (const auto& e : log.events()) ApplyEvent(in_order, e);
  for (auto it = log.events().rbegin(); it != log.events().rend(); ++it) ApplyEvent(reversed, *it);
  EXPECT_EQ(Ids(in_order.facts), (std::vector<std::string>{"C1-3", "C1-1", "C1-2"}));
  EXPECT_EQ(in_order, reversed);
}

TEST(ChildFacts, SameDayFactsAreOrderedByLedgerPosition) {
  EventLog log;
  Child c(log, "C1");
  c.Starts("2021-05-01", "C2", "U4", "F1").Moves("2021-05-01", "U4", "F2");
  ChildFacts f;
  ApplyEvent(f, log.events()[1]);
  ApplyEvent(f, log.events()[0]);
  EXPECT_EQ(Ids(f.facts), (std::vector<std::string>{"C1-1", "C1-2"}));
}

TEST(ChildFacts, RepeatedEventIdCountsOnce) {
  EventLog log;
  Child(log, "C1").Starts("2021-05-01", "C2", "U4", "F1");
  ChildFacts f;
  ApplyEvent(f, log.events()[0]);
  ApplyEvent(f, log.events()[0]);
  EXPECT_EQ(f.facts.size(), 1u);
}

TEST(ChildFacts, RetractionRemovesItsTarget) {
  EventLog log;
  Child c(log, "C1");
  c.Starts("2021-05-01", "C2", "U4", "F1").Review("2021-05-20");
  const std::string review = c.last_id();
  c.Retracts("2021-05-21", review);
  const ChildFacts f = log.Facts("C1");
  EXPECT_EQ(Ids(f.facts), (std::vector<std::string>{"C1-1"}));
  EXPECT_EQ(Ids(f.withheld), (std::vector<std::string>{review}));
  EXPECT_TRUE(f.retracted_ids.count(review));
}

TEST(ChildFacts, RetractionArrivingBeforeItsTargetStillRemovesIt) {
  EventLog log;
  Child c(log, "C1");
  c.Starts("2021-05-01", "C2", "U4", "F1").Review("2021-05-20");
  c.Retracts("2021-05-21", c.last_id());
  ChildFacts early;
  ApplyEvent(early, log.events()[2]);
  ApplyEvent(early, log.events()[0]);
  ApplyEvent(early, log.events()[1]);
  EXPECT_EQ(early, log.Facts("C1"));
  EXPECT_EQ(early.facts.size(), 1u);
}

TEST(ChildFacts, RetractingARetractionRestoresTheFact) {
  EventLog log;
  Child c(log, "C1");
  c.Starts("2021-05-01", "C2", "U4", "F1").Review("2021-05-20");
  const std::string review = c.last_id();
  c.Retracts("2021-05-21", review);
  c.Retracts("2021-05-22", c.last_id());
  const ChildFacts f = log.Facts("C1");
  EXPECT_EQ(Ids(f.facts), (std::vector<std::string>{"C1-1", review}));
  EXPECT_FALSE(f.retracted_ids.count(review));
  // Any arrival order gives the same state.
  std::vector<events::RecordedEvent> order = log.events();
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.position > b.position; });
  ChildFacts g;
  for (const auto& e : order) ApplyEvent(g, e);
  EXPECT_EQ(f, g);
}

TEST(ChildFacts, IgnoresAnotherChildsEvent) {
  EventLog log;
  Child(log, "C1").Starts("2021-05-01", "C2", "U4", "F1");
  Child(log, "C2").Starts("2021-05-01", "C2", "U4", "F1");
  ChildFacts f;
  ApplyEvent(f, log.events()[0]);
  ApplyEvent(f, log.events()[1]);
  EXPECT_EQ(f.child_id, "C1");
  EXPECT_EQ(f.facts.size(), 1u);
}

TEST(AuthorityState, RoutesByChildAndIteratesInChildIdOrder) {
  EventLog log;
  Child(log, "C2").Starts("2021-05-01", "C2", "U4", "F1");
  Child(log, "C1").Starts("2021-05-01", "C2", "U4", "F1");
  const AuthorityState s = log.State();
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.begin()->first, "C1");
  ASSERT_NE(s.Find("C2"), nullptr);
  EXPECT_EQ(s.Find("C2")->facts.size(), 1u);
  EXPECT_EQ(s.Find("C3"), nullptr);
}

}  // namespace
}  // namespace cjl::projections
