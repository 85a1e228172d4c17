// Integration tests of the streaming spine through the embedded (mock) Kafka cluster:
// ingest -> ledger -> relay -> care.events.v1 -> projection store.
#include <filesystem>
#include <fstream>

#include <librdkafka/rdkafka.h>

#include "consumers/kafka_common.h"
#include "consumers/ledger_catch_up.h"
#include "consumers/service.h"
#include "events/event_binary.h"
#include "tests/integration/streaming_fixture.h"

namespace cjl::testing {
namespace {

// A copy of a consumed message (a librdkafka handle is only destroyed once every
// message it returned is, so messages do not outlive the reader).
struct Msg {
  std::string key;
  std::string value;
  std::map<std::string, std::string> headers;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// Reads the messages of `topic` from the beginning until `count` arrived or the deadline
// passed (a plain assign()ed consumer, no group).
std::vector<Msg> ReadTopic(const std::string& bootstrap, const char* topic, int partitions,
                           std::size_t count) {
  auto conf = consumers::MakeConf({bootstrap, {}},
                                  {{"group.id", "reader"}, {"enable.auto.commit", "false"}});
  EXPECT_TRUE(conf.ok());
  auto rk = consumers::MakeClient(RD_KAFKA_CONSUMER, std::move(conf.value()));
  EXPECT_TRUE(rk.ok());
  consumers::PartitionList list(rd_kafka_topic_partition_list_new(partitions));
  for (int p = 0; p < partitions; ++p) {
    rd_kafka_topic_partition_list_add(list.get(), topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_assign(rk->get(), list.get());
  std::vector<Msg> out;
  WaitUntil([&] {
    while (rd_kafka_message_t* m = rd_kafka_consumer_poll(rk->get(), 10)) {
      if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        Msg copy{std::string(consumers::KeyOf(m)), std::string(consumers::PayloadOf(m)), {}};
        for (const char* h : {"error", "error_field", "position", "stream_version", "type"}) {
          if (auto v = consumers::HeaderValue(m, h)) copy.headers[h] = *v;
        }
        out.push_back(std::move(copy));
      }
      rd_kafka_message_destroy(m);
    }
    return out.size() >= count;
  });
  rd_kafka_consumer_close(rk->get());
  return out;
}

TEST_F(StreamingTest, EventsFlowFromIngestTopicToProjection) {
  StartAll();
  const auto evs = Journeys("a", 20, 8);
  PublishAll(evs);
  ASSERT_TRUE(ProjectionReaches(evs.size()))
      << "applied position " << store_->AppliedPosition().value();
  ExpectStoreMatchesLedger();
  EXPECT_EQ(ingest_counters_.appended.load(), evs.size());
  EXPECT_EQ(ingest_counters_.rejected.load(), 0u);
  EXPECT_EQ(projector_counters_.applied.load(), evs.size());
  EXPECT_EQ(projector_counters_.gaps_repaired.load(), 0u);
}

TEST_F(StreamingTest, RetriedPublishIsADuplicateNotASecondEvent) {
  StartAll();
  const auto evs = Journeys("d", 5, 6);
  PublishAll(evs);
  PublishAll(evs);  // upstream retries everything
  ASSERT_TRUE(WaitUntil([&] { return ingest_counters_.duplicates.load() == evs.size(); }));
  EXPECT_EQ(ledger_->Head().value(), evs.size());
  ASSERT_TRUE(ProjectionReaches(evs.size()));
  ExpectStoreMatchesLedger();
  EXPECT_EQ(projector_counters_.applied.load(), evs.size());
}

TEST_F(StreamingTest, InvalidMessagesGoToRejectedTopicWithTheirReason) {
  StartAll();
  auto evs = Journeys("r", 4, 4);
  auto pub = Publisher();
  ASSERT_NE(pub, nullptr);
  const std::string bad_code =
      R"({"event_id":"bad-1","type":"PlacementMoved","child_id":"Cr0","occurred_on":"2020-03-01",)"
      R"("source":"t","payload":{"placement":{"placement_type":"U9","carer_id":"x"},)"
      R"("reason_previous_ended":"CARPL"}})";
  const std::string not_json = "{not json";
  // Valid JSON, but the child has no open period of care: a ledger (domain) rejection.
  auto orphan = Moved("bad-3", "Cnobody", "2020-03-01", "U1", "carer-x");
  const std::string orphan_json = events::EventToJson(orphan).dump();
  for (std::size_t i = 0; i < evs.size(); ++i) {
    ASSERT_OK(pub->Publish(evs[i]));
    if (i == 3) ASSERT_OK(pub->Publish("Cr0", bad_code));
    if (i == 7) ASSERT_OK(pub->Publish("Cjunk", not_json));
    if (i == 9) ASSERT_OK(pub->Publish("Cnobody", orphan_json));
  }
  ASSERT_OK(pub->Flush(30000));
  ASSERT_TRUE(ProjectionReaches(evs.size()));
  ASSERT_TRUE(WaitUntil([&] { return ingest_counters_.rejected.load() == 3; }));
  EXPECT_EQ(ledger_->Head().value(), evs.size()) << "every valid event is appended";
  // The dead letters by reason (the metric cjl_ingest_dead_letters_total{reason}).
  EXPECT_EQ(ingest_counters_.rejected_contract.load(), 1u);
  EXPECT_EQ(ingest_counters_.rejected_invalid_json.load(), 1u);
  EXPECT_EQ(ingest_counters_.rejected_domain.load(), 1u);
  EXPECT_EQ(ingest_counters_.rejected_conflict.load(), 0u);
  ExpectStoreMatchesLedger();

  auto rejected = ReadTopic(kafka_->bootstrap(), consumers::kRejectedTopic, 1, 3);
  ASSERT_EQ(rejected.size(), 3u);
  std::map<std::string, Msg> by_value;
  for (const auto& m : rejected) by_value[m.value] = m;
  ASSERT_EQ(by_value.count(bad_code), 1u);
  const Msg& m = by_value[bad_code];
  EXPECT_EQ(m.key, "Cr0");
  EXPECT_NE(m.Header("error_field").find("payload.placement.placement_type"), std::string::npos)
      << m.Header("error_field");
  EXPECT_NE(m.Header("error").find("U9"), std::string::npos) << m.Header("error");
  ASSERT_EQ(by_value.count(not_json), 1u);
  EXPECT_FALSE(by_value[not_json].Header("error").empty());
  ASSERT_EQ(by_value.count(orphan_json), 1u);
  EXPECT_NE(by_value[orphan_json].Header("error").find("period of care"), std::string::npos)
      << by_value[orphan_json].Header("error");
}

TEST_F(StreamingTest, EventsTopicCarriesKeyPayloadAndHeaders) {
  StartRelay();
  const auto evs = Journeys("h", 3, 3);
  for (const auto& r : ledger_->AppendBatch(evs)) ASSERT_OK(r);
  auto msgs = ReadTopic(kafka_->bootstrap(), consumers::kEventsTopic, 6, evs.size());
  ASSERT_EQ(msgs.size(), evs.size());
  for (const auto& m : msgs) {
    auto r = events::DecodeRecorded(m.value);
    ASSERT_OK(r);
    EXPECT_EQ(m.key, r->event.child_id);
    EXPECT_EQ(m.Header("position"), std::to_string(r->position.value()));
    EXPECT_EQ(m.Header("stream_version"), std::to_string(r->stream_version.value()));
    EXPECT_EQ(m.Header("type"), events::EventTypeName(r->event.type));
  }
  ASSERT_TRUE(WaitUntil([&] { return ledger_->GetCursor("relay").value().value() == evs.size(); }));
}

TEST_F(StreamingTest, RebuiltStoreIsByteIdenticalToStreamedStore) {
  StartAll();
  const auto evs = Journeys("b", 10, 7);
  PublishAll(evs);
  ASSERT_TRUE(ProjectionReaches(evs.size()));
  const std::string rebuilt_dir = dir_.Sub("rebuilt");
  std::uint64_t last_done = 0;
  ASSERT_OK(consumers::RebuildProjectionStore(
      *ledger_, rebuilt_dir, [&](std::uint64_t done, std::uint64_t) { last_done = done; }));
  EXPECT_EQ(last_done, evs.size());
  projections::StoreOptions so;
  so.path = rebuilt_dir;
  auto rebuilt = projections::ProjectionStore::Open(so);
  ASSERT_OK(rebuilt);
  std::size_t compared = 0;
  ASSERT_OK(store_->ForEachChild([&](std::string_view child, const projections::ChildRecord&) {
    auto a = store_->GetChildBytes(child);
    auto b = (*rebuilt)->GetChildBytes(child);
    EXPECT_TRUE(a.ok() && b.ok() && a->has_value() && b->has_value());
    if (a.ok() && b.ok()) {
      EXPECT_EQ(*a, *b);
    }
    ++compared;
    return true;
  }));
  EXPECT_EQ(compared, 10u);
  EXPECT_EQ((*rebuilt)->AppliedPosition(), store_->AppliedPosition());
}

TEST_F(StreamingTest, ServiceRunsAllRolesWithConsumerGroups) {
  // The assembled service, joining real consumer groups (short session timeout, unique
  // group ids), on its own embedded cluster, as `cjl serve` runs it.
  TempDir data;
  consumers::ServiceConfig config;
  config.data_dir = data.path().string();
  config.group_prefix = group_;
  config.session_timeout_ms = 6000;
  auto svc = consumers::Service::Start(config);
  ASSERT_OK(svc);
  std::ifstream bootstrap_file(data.Sub("kafka.bootstrap"));
  std::string bootstrap;
  std::getline(bootstrap_file, bootstrap);
  EXPECT_EQ(bootstrap, (*svc)->bootstrap());
  auto pub = consumers::IngestPublisher::Create({bootstrap, {}});
  ASSERT_OK(pub);
  const auto evs = Journeys("s", 10, 5);
  for (const auto& e : evs) ASSERT_OK((*pub)->Publish(e));
  ASSERT_OK((*pub)->Flush(30000));
  auto& c = (*svc)->counters();
  ASSERT_TRUE(
      WaitUntil([&] { return c.projector.applied.load() == evs.size(); }, std::chrono::seconds(60)))
      << "consumed " << c.ingest.consumed.load() << " appended " << c.ingest.appended.load()
      << " relayed " << c.relay.relayed.load() << " applied " << c.projector.applied.load();
  EXPECT_OK((*svc)->health());
  (*svc)->Stop();
}

}  // namespace
}  // namespace cjl::testing
