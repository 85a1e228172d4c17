// Fault tests of the streaming spine through the embedded (mock) Kafka cluster: each
// component stopped and restarted mid-stream, a broker down and up, injected request
// errors, a gap in the topic, offsets that no longer exist, a cluster that restarted
// empty. After each: every event is in the ledger once and every child's stored state
// is exactly the fold of its ledger stream (nothing lost, nothing applied twice).
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include <librdkafka/rdkafka.h>

#include <filesystem>

#include "consumers/kafka_common.h"
#include "events/event_binary.h"
#include "tests/integration/streaming_fixture.h"

namespace cjl::testing {
namespace {

// Publishes `evs` on its own thread.
class BackgroundPublisher {
 public:
  BackgroundPublisher(const consumers::KafkaSettings& kafka, std::vector<events::Event> evs)
      : evs_(std::move(evs)) {
    thread_ = std::thread([this, kafka] {
      auto pub = consumers::IngestPublisher::Create(kafka, 2);
      if (!pub.ok()) return;
      for (const auto& e : evs_) {
        if (!(*pub)->Publish(e).ok()) return;
        published_.fetch_add(1);
      }
      ok_ = (*pub)->Flush(60000).ok();
      done_ = true;
    });
  }
  ~BackgroundPublisher() { Join(); }
  void Join() {
    if (thread_.joinable()) thread_.join();
  }
  bool done() const { return done_.load(); }
  bool ok() const { return ok_.load(); }

 private:
  std::vector<events::Event> evs_;
  std::atomic<std::size_t> published_{0};
  std::atomic<bool> done_{false};
  std::atomic<bool> ok_{false};
  std::thread thread_;
};

class StreamingFaultTest : public StreamingTest {
 protected:
  void Converge(std::size_t total) {
    ASSERT_TRUE(ProjectionReaches(total, std::chrono::seconds(90)))
        << "ledger head " << ledger_->Head().value() << " applied position "
        << store_->AppliedPosition().value() << " consumed " << ingest_counters_.consumed.load()
        << " relayed " << relay_counters_.relayed.load() << " applied "
        << projector_counters_.applied.load();
    EXPECT_EQ(ledger_->Head().value(), total) << "an event was appended twice or lost";
    ExpectStoreMatchesLedger();
  }
};

TEST_F(StreamingFaultTest, IngestRestartedMidStreamLosesNothing) {
  StartRelay();
  StartProjector();
  StartIngest();
  const auto evs = Journeys("i", 50, 40);
  BackgroundPublisher pub(Kafka(), evs);
  ASSERT_TRUE(WaitUntil([&] { return ingest_counters_.appended.load() >= 300; }));
  ingest_.reset();  // graceful stop mid-stream
  StartIngest();
  pub.Join();
  ASSERT_TRUE(pub.ok());
  Converge(evs.size());
  EXPECT_EQ(ingest_counters_.appended.load(), evs.size());
  EXPECT_EQ(projector_counters_.applied.load(), evs.size());
}

TEST_F(StreamingFaultTest, RelayRestartedMidStreamLosesNothing) {
  StartRelay();
  StartProjector();
  StartIngest();
  const auto evs = Journeys("l", 50, 40);
  BackgroundPublisher pub(Kafka(), evs);
  ASSERT_TRUE(WaitUntil([&] { return relay_counters_.relayed.load() >= 300; }));
  relay_.reset();
  StartRelay();
  pub.Join();
  ASSERT_TRUE(pub.ok());
  Converge(evs.size());
  EXPECT_EQ(projector_counters_.applied.load(), evs.size());
}

TEST_F(StreamingFaultTest, ProjectorRestartedMidStreamLosesNothing) {
  StartRelay();
  StartProjector();
  StartIngest();
  const auto evs = Journeys("p", 50, 40);
  BackgroundPublisher pub(Kafka(), evs);
  ASSERT_TRUE(WaitUntil([&] { return projector_counters_.applied.load() >= 300; }));
  projector_.reset();
  StartProjector();
  pub.Join();
  ASSERT_TRUE(pub.ok());
  Converge(evs.size());
  EXPECT_EQ(projector_counters_.applied.load(), evs.size()) << "an event was applied twice";
  EXPECT_EQ(projector_counters_.catch_ups.load(), 1u) << "only the first run catches up";
}

TEST_F(StreamingFaultTest, BrokerDownAndUpLosesNothing) {
  StartAll();
  const auto evs = Journeys("b", 40, 30);
  BackgroundPublisher pub(Kafka(), evs);
  ASSERT_TRUE(WaitUntil([&] { return projector_counters_.applied.load() >= 200; }));
  ASSERT_OK(kafka_->SetBrokerDown(2));
  // Let the flow run against the degraded cluster for a while (bounded).
  WaitUntil([&] { return pub.done(); }, std::chrono::seconds(3));
  ASSERT_OK(kafka_->SetBrokerUp(2));
  pub.Join();
  ASSERT_TRUE(pub.ok());
  Converge(evs.size());
  EXPECT_EQ(projector_counters_.applied.load(), evs.size());
}

TEST_F(StreamingFaultTest, InjectedRequestErrorsLoseNothing) {
  StartAll();
  constexpr int kProduce = 0, kFetch = 1, kOffsetCommit = 8;
  constexpr int kTimedOut = RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT;
  constexpr int kNotLeader = RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION;
  kafka_->PushRequestErrors(kProduce, {kTimedOut, kNotLeader, kTimedOut, kTimedOut, kNotLeader});
  kafka_->PushRequestErrors(kFetch, {kNotLeader, kTimedOut, kNotLeader});
  kafka_->PushRequestErrors(kOffsetCommit,
                            {kTimedOut, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE});
  const auto evs = Journeys("e", 30, 20);
  BackgroundPublisher pub(Kafka(), evs);
  pub.Join();
  ASSERT_TRUE(pub.ok());
  Converge(evs.size());
  EXPECT_EQ(projector_counters_.applied.load(), evs.size());
}

TEST_F(StreamingFaultTest, RelayDeliveryTimeoutsAreProducedAgain) {
  // Deliveries time out while a broker is down: the relay must not move its cursor over
  // them, and must produce them again once the broker is back.
  StartRelay({{"message.timeout.ms", "1000"}});
  StartProjector();
  ASSERT_OK(kafka_->SetBrokerDown(1));
  const auto evs = Journeys("t", 30, 10);
  for (const auto& r : ledger_->AppendBatch(evs)) ASSERT_OK(r);
  ASSERT_TRUE(WaitUntil([&] { return relay_counters_.delivery_failures.load() > 0; }))
      << "no delivery failed while broker 1 was down";
  EXPECT_LT(relay_counters_.position.load(), evs.size());
  ASSERT_OK(kafka_->SetBrokerUp(1));
  Converge(evs.size());
  // The projection may converge by repairing gaps from the ledger before the relay has
  // re-produced everything: wait for the relay's own cursor as well.
  EXPECT_TRUE(WaitUntil([&] { return relay_counters_.position.load() == evs.size(); },
                        std::chrono::seconds(60)))
      << "relay cursor stuck at " << relay_counters_.position.load();
  EXPECT_EQ(projector_counters_.applied.load(), evs.size());
}

// Produces ledger events to care.events.v1 as the relay would, but only those chosen.
void ProduceRaw(const std::string& bootstrap, const std::vector<events::RecordedEvent>& recs) {
  auto conf = consumers::MakeConf({bootstrap, {}}, {});
  ASSERT_OK(conf);
  auto rk = consumers::MakeClient(RD_KAFKA_PRODUCER, std::move(conf.value()));
  ASSERT_OK(rk);
  for (const auto& r : recs) {
    const std::string value = events::EncodeRecorded(r);
    ASSERT_EQ(rd_kafka_producev(rk->get(), RD_KAFKA_V_TOPIC(consumers::kEventsTopic),
                                RD_KAFKA_V_KEY(r.event.child_id.data(), r.event.child_id.size()),
                                RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
              RD_KAFKA_RESP_ERR_NO_ERROR);
  }
  ASSERT_OK(consumers::FlushProducer(rk->get(), 30000));
}

TEST_F(StreamingFaultTest, GapInEventsTopicIsRepairedFromLedger) {
  StartProjector();  // empty ledger: its first-run catch-up finds nothing
  const auto evs = Journeys("g", 1, 6);
  for (const auto& r : ledger_->AppendBatch(evs)) ASSERT_OK(r);
  auto stream = ledger_->ReadStream(evs[0].child_id, StreamVersion(1));
  ASSERT_OK(stream);
  ASSERT_EQ(stream->size(), 6u);
  // Versions 3 and 4 never reach the topic.
  ProduceRaw(kafka_->bootstrap(), {(*stream)[0], (*stream)[1], (*stream)[4], (*stream)[5]});
  ASSERT_TRUE(ProjectionReaches(6));
  ExpectStoreMatchesLedger();
  EXPECT_EQ(projector_counters_.gaps_repaired.load(), 1u);
  EXPECT_EQ(projector_counters_.gap_events.load(), 2u);
  EXPECT_EQ(projector_counters_.applied.load(), 6u);
}

TEST_F(StreamingFaultTest, StoredOffsetMissingFromTopicFallsBackToLedger) {
  StartRelay();
  StartProjector();
  const auto first = Journeys("o", 10, 5);
  for (const auto& r : ledger_->AppendBatch(first)) ASSERT_OK(r);
  ASSERT_TRUE(ProjectionReaches(first.size()));
  projector_.reset();
  // As if the cluster had dropped the data at the stored offsets: point every stored
  // offset past the end of its partition.
  auto cluster = store_->GetMeta(projections::kMetaClusterId);
  ASSERT_OK(cluster);
  ASSERT_TRUE(cluster->has_value());
  projections::StoreBatch batch;
  for (int p = 0; p < 6; ++p)
    batch.PutOffset(**cluster, consumers::kEventsTopic, p, KafkaOffset(1'000'000));
  ASSERT_OK(store_->Write(batch));
  const auto second = Journeys("q", 10, 5);
  for (const auto& r : ledger_->AppendBatch(second)) ASSERT_OK(r);
  StartProjector();
  ASSERT_TRUE(ProjectionReaches(first.size() + second.size()));
  EXPECT_GT(projector_counters_.offset_resets.load(), 0u);
  // Every reset partition fetches again: the projector consumes from it and stores an
  // offset that exists (a partition left stopped would keep 1,000,000 for ever).
  const auto third = Journeys("r", 30, 2);
  for (const auto& r : ledger_->AppendBatch(third)) ASSERT_OK(r);
  ASSERT_TRUE(ProjectionReaches(first.size() + second.size() + third.size()));
  ASSERT_TRUE(WaitUntil([&] {
    for (int p = 0; p < 6; ++p) {
      auto stored = store_->GetOffset(**cluster, consumers::kEventsTopic, p);
      if (!stored.ok() || !stored->has_value() || (*stored)->value() >= 1'000'000) return false;
    }
    return true;
  })) <<
      [&] {
        std::string offsets;
        for (int p = 0; p < 6; ++p) {
          auto stored = store_->GetOffset(**cluster, consumers::kEventsTopic, p);
          offsets += " " + (stored.ok() && stored->has_value() ? std::to_string((*stored)->value())
                                                               : std::string("-"));
        }
        return "stored offsets:" + offsets;
      }();
  ExpectStoreMatchesLedger();
  EXPECT_EQ(projector_counters_.applied.load(), first.size() + second.size() + third.size());
}

TEST_F(StreamingFaultTest, EmptyRestartedClusterIsCaughtUpFromLedger) {
  // Cluster A: events relayed but never projected; then the cluster is gone (the mock
  // keeps everything in memory).
  StartRelay();
  const auto first = Journeys("m", 10, 5);
  for (const auto& r : ledger_->AppendBatch(first)) ASSERT_OK(r);
  ASSERT_TRUE(WaitUntil([&] { return relay_counters_.position.load() == first.size(); }));
  relay_.reset();
  kafka_.reset();
  auto b = consumers::EmbeddedKafka::Start(3, consumers::ServiceTopics(6));
  ASSERT_OK(b);
  kafka_ = std::move(b.value());
  StartRelay();  // its cursor is past everything: cluster B never sees those events
  StartProjector();
  ASSERT_TRUE(ProjectionReaches(first.size()));
  EXPECT_EQ(projector_counters_.catch_ups.load(), 1u);
  const auto second = Journeys("n", 10, 5);
  for (const auto& r : ledger_->AppendBatch(second)) ASSERT_OK(r);
  ASSERT_TRUE(ProjectionReaches(first.size() + second.size()));
  ExpectStoreMatchesLedger();
  EXPECT_EQ(projector_counters_.applied.load(), first.size() + second.size());
}

// The child side of ProjectorKilledMidStreamResumesExactly: a projector in its own
// process (ledger read-only), printing its progress until it is killed.
TEST(StreamingCrashHelper, RunProjectorUntilKilled) {
  const char* dir = std::getenv("CJL_CRASH_DIR");
  const char* bootstrap = std::getenv("CJL_CRASH_BOOTSTRAP");
  if (dir == nullptr || bootstrap == nullptr) {
    GTEST_SKIP() << "runs only as the child process of ProjectorKilledMidStreamResumesExactly";
  }
  ledger::LedgerOptions lo;
  lo.path = std::string(dir) + "/ledger";
  lo.read_only = true;
  auto ledger = ledger::Ledger::Open(lo);
  ASSERT_OK(ledger);
  projections::StoreOptions so;
  so.path = std::string(dir) + "/projections";
  auto store = projections::ProjectionStore::Open(so);
  ASSERT_OK(store);
  consumers::ProjectorCounters counters;
  consumers::ProjectorOptions o;
  o.kafka = {bootstrap, {}};
  o.static_assignment = true;
  o.max_batch = 500;  // many small WriteBatches: the kill lands between or inside them
  auto runner = consumers::ProjectionRunner::Start(o, **store, ledger->get(), counters);
  ASSERT_OK(runner);
  WaitUntil(
      [&] {
        std::printf("applied=%llu\n", static_cast<unsigned long long>(counters.applied.load()));
        std::fflush(stdout);
        return false;
      },
      std::chrono::seconds(60));
}

TEST_F(StreamingFaultTest, ProjectorKilledMidStreamResumesExactly) {
  StartRelay();
  StartProjector();  // marks this cluster as known to the store
  projector_.reset();
  store_.reset();
  const auto evs = Journeys("x", 200, 40);
  for (std::size_t i = 0; i < evs.size(); i += 2000) {
    std::vector<events::Event> chunk(evs.begin() + i, evs.begin() + std::min(evs.size(), i + 2000));
    for (const auto& r : ledger_->AppendBatch(chunk)) ASSERT_OK(r);
  }
  ASSERT_TRUE(WaitUntil([&] { return relay_counters_.position.load() == evs.size(); }));

  int out[2];
  ASSERT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  const std::string dir_env = "CJL_CRASH_DIR=" + dir_.path().string();
  const std::string bootstrap_env = "CJL_CRASH_BOOTSTRAP=" + kafka_->bootstrap();
  std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string filter = "--gtest_filter=StreamingCrashHelper.RunProjectorUntilKilled";
  char* argv[] = {exe.data(), filter.data(), nullptr};
  char* envp[] = {const_cast<char*>(dir_env.c_str()), const_cast<char*>(bootstrap_env.c_str()),
                  nullptr};
  pid_t child = 0;
  ASSERT_EQ(posix_spawn(&child, exe.c_str(), &actions, nullptr, argv, envp), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  // Kill it once it is well into the stream (mid-way, not at the end).
  std::string buffer;
  std::uint64_t applied_seen = 0;
  const bool reached = WaitUntil(
      [&] {
        pollfd pfd{out[0], POLLIN, 0};
        if (poll(&pfd, 1, 0) > 0) {
          char chunk[4096];
          const ssize_t n = read(out[0], chunk, sizeof chunk);
          if (n > 0) buffer.append(chunk, static_cast<std::size_t>(n));
        }
        const auto at = buffer.rfind("applied=");
        if (at != std::string::npos)
          applied_seen = std::strtoull(buffer.c_str() + at + 8, nullptr, 10);
        return applied_seen >= 1500;
      },
      std::chrono::seconds(60));
  kill(child, SIGKILL);
  int wstatus = 0;
  waitpid(child, &wstatus, 0);
  close(out[0]);
  ASSERT_TRUE(reached) << "the child projector made no progress: " << buffer.substr(0, 2000);
  ASSERT_LT(applied_seen, evs.size()) << "killed too late to be mid-stream";

  // After the crash, every stored child is exactly the fold of a prefix of its stream.
  OpenStore();
  std::uint64_t stored_versions = 0;
  ASSERT_OK(
      store_->ForEachChild([&](std::string_view child_id, const projections::ChildRecord& rec) {
        auto stream = ledger_->ReadStream(child_id, StreamVersion(1));
        EXPECT_TRUE(stream.ok());
        if (!stream.ok()) return false;
        projections::ChildRecord expected;
        for (const auto& r : *stream) {
          if (r.stream_version > rec.version) break;
          projections::ApplyEvent(expected.facts, r);
          expected.version = r.stream_version;
          expected.position = r.position;
        }
        EXPECT_EQ(projections::EncodeChildRecord(rec), projections::EncodeChildRecord(expected));
        stored_versions += rec.version.value();
        return true;
      }));
  EXPECT_GT(stored_versions, 0u);
  // Resuming applies exactly what the crash left out: nothing twice, nothing lost.
  StartProjector();
  Converge(evs.size());
  EXPECT_EQ(projector_counters_.applied.load(), evs.size() - stored_versions);
}

}  // namespace
}  // namespace cjl::testing
