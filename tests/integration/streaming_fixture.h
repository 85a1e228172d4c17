// A fixture for the streaming tests: an embedded Kafka cluster, a fresh temp dir with a
// ledger and a projection store, components started and stopped one by one (partitions
// assigned statically and per-test group ids, so nothing waits on a group rejoin), event
// journeys, and deadline-bounded waits. Not thread-safe (one test at a time).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "consumers/embedded_kafka.h"
#include "consumers/ingest_publisher.h"
#include "consumers/ingestor.h"
#include "consumers/projection_runner.h"
#include "consumers/relay.h"
#include "events/event_json.h"
#include "ledger/ledger.h"
#include "projections/store/projection_store.h"
#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/temp_dir.h"

namespace cjl::testing {

// Waits until `done()` holds or `timeout` passes (checking every few ms on a timed
// condition wait, never a bare sleep). Returns done().
inline bool WaitUntil(const std::function<bool()>& done,
                      std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  std::mutex mu;
  std::condition_variable cv;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(mu);
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return done();
    cv.wait_for(lock, std::chrono::milliseconds(5));
  }
  return true;
}

// A realistic small journey per child: registered, period of care started, then moves.
// Event ids are "<tag>-<child>-<n>"; children "C<tag><i>".
inline std::vector<events::Event> Journeys(const std::string& tag, int children,
                                           int events_per_child) {
  std::vector<events::Event> out;
  for (int i = 0; i < children; ++i) {
    const std::string child = "C" + tag + std::to_string(i);
    for (int n = 0; n < events_per_child; ++n) {
      const std::string id = tag + "-" + std::to_string(i) + "-" + std::to_string(n);
      if (n == 0) {
        out.push_back(Registered(id, child, "2020-01-01", "2015-06-01"));
      } else if (n == 1) {
        out.push_back(CareStarted(id, child, "2020-01-10"));
      } else {
        const std::string on = FormatIsoDate(MakeDate(2020, 2, 1) + std::chrono::days(n));
        out.push_back(
            Moved(id, child, on.c_str(), n % 2 ? "U1" : "U4", "carer-" + std::to_string(n)));
      }
    }
  }
  // Interleave children so batches mix streams (each child's order is kept).
  std::vector<events::Event> mixed;
  for (int n = 0; n < events_per_child; ++n) {
    for (int i = 0; i < children; ++i) mixed.push_back(out[i * events_per_child + n]);
  }
  return mixed;
}

class StreamingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kafka = consumers::EmbeddedKafka::Start(3, consumers::ServiceTopics(6));
    ASSERT_OK(kafka);
    kafka_ = std::move(kafka.value());
    OpenLedger();
    OpenStore();
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    group_ = std::string(info->test_suite_name()) + "." + info->name();
  }
  void TearDown() override {
    projector_.reset();
    ingest_.reset();
    relay_.reset();
    store_.reset();
    ledger_.reset();
    kafka_.reset();
  }

  void OpenLedger() {
    ledger::LedgerOptions lo;
    lo.path = dir_.Sub("ledger");
    auto l = ledger::Ledger::Open(lo);
    ASSERT_OK(l);
    ledger_ = std::move(l.value());
  }
  void OpenStore() {
    projections::StoreOptions so;
    so.path = dir_.Sub("projections");
    auto s = projections::ProjectionStore::Open(so);
    ASSERT_OK(s);
    store_ = std::move(s.value());
  }

  consumers::KafkaSettings Kafka() const { return {kafka_->bootstrap(), {}}; }

  void StartIngest() {
    consumers::IngestOptions o;
    o.kafka = Kafka();
    o.group_id = group_ + ".ingest";
    o.static_assignment = true;
    auto i = consumers::Ingestor::Start(o, *ledger_, ingest_counters_);
    ASSERT_OK(i);
    ingest_ = std::move(i.value());
  }
  void StartRelay(std::vector<std::pair<std::string, std::string>> extra = {}) {
    consumers::RelayOptions o;
    o.kafka = Kafka();
    o.kafka.config = std::move(extra);
    auto r = consumers::Relay::Start(o, *ledger_, relay_counters_);
    ASSERT_OK(r);
    relay_ = std::move(r.value());
  }
  void StartProjector() {
    consumers::ProjectorOptions o;
    o.kafka = Kafka();
    o.group_id = group_ + ".projector";
    o.static_assignment = true;
    auto p = consumers::ProjectionRunner::Start(o, *store_, ledger_.get(), projector_counters_);
    ASSERT_OK(p);
    projector_ = std::move(p.value());
  }
  void StartAll() {
    StartRelay();
    StartIngest();
    StartProjector();
  }

  std::unique_ptr<consumers::IngestPublisher> Publisher() {
    auto p = consumers::IngestPublisher::Create(Kafka(), 1);
    EXPECT_TRUE(p.ok());
    return p.ok() ? std::move(p.value()) : nullptr;
  }
  void PublishAll(const std::vector<events::Event>& evs) {
    auto pub = Publisher();
    ASSERT_NE(pub, nullptr);
    for (const auto& e : evs) ASSERT_OK(pub->Publish(e));
    ASSERT_OK(pub->Flush(30000));
  }

  // True when the ledger holds `head` events and every child's stored version equals
  // its ledger stream version.
  bool CaughtUp(std::uint64_t head) {
    if (ledger_->Head().value() < head || store_->AppliedPosition().value() < head) return false;
    std::map<std::string, std::uint64_t> versions;
    Status s = ledger_->Scan(LedgerPosition(1), ledger_->Head().value(),
                             [&](const events::RecordedEvent& r) {
                               versions[r.event.child_id] = r.stream_version.value();
                               return true;
                             });
    if (!s.ok()) return false;
    for (const auto& [child, version] : versions) {
      auto bytes = store_->GetChildBytes(child);
      if (!bytes.ok() || !bytes->has_value()) return false;
      if (DecodeBigEndian64(std::string_view(**bytes).substr(0, 8)) != version) return false;
    }
    return true;
  }
  bool ProjectionReaches(std::uint64_t head,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    return WaitUntil([&] { return CaughtUp(head); }, timeout);
  }

  // Every child in the ledger has, in the store, exactly the bytes a fold of its ledger
  // stream gives: nothing lost, nothing applied twice.
  void ExpectStoreMatchesLedger() {
    std::set<std::string> children;
    ASSERT_OK(ledger_->Scan(LedgerPosition(1), ledger_->Head().value(),
                            [&](const events::RecordedEvent& r) {
                              children.insert(r.event.child_id);
                              return true;
                            }));
    for (const std::string& child : children) {
      auto stream = ledger_->ReadStream(child, StreamVersion(1));
      ASSERT_OK(stream);
      projections::ChildRecord expected;
      for (const auto& r : *stream) {
        projections::ApplyEvent(expected.facts, r);
        expected.version = r.stream_version;
        expected.position = r.position;
      }
      auto bytes = store_->GetChildBytes(child);
      ASSERT_OK(bytes);
      ASSERT_TRUE(bytes->has_value()) << "a child is missing from the store";
      EXPECT_EQ(**bytes, projections::EncodeChildRecord(expected))
          << "child state differs from the ledger fold (version in store "
          << projections::DecodeChildRecord(**bytes)->version.value() << ", ledger "
          << expected.version.value() << ")";
    }
  }

  TempDir dir_;
  std::string group_;
  std::unique_ptr<consumers::EmbeddedKafka> kafka_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<projections::ProjectionStore> store_;
  consumers::IngestCounters ingest_counters_;
  consumers::RelayCounters relay_counters_;
  consumers::ProjectorCounters projector_counters_;
  std::unique_ptr<consumers::Ingestor> ingest_;
  std::unique_ptr<consumers::Relay> relay_;
  std::unique_ptr<consumers::ProjectionRunner> projector_;
};

}  // namespace cjl::testing
