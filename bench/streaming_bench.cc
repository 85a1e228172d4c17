// End-to-end streaming benchmark (a driver, not Google Benchmark: the unit is a whole
// pipeline). In one process, on one embedded (mock) Kafka cluster, it measures:
//   1. sustained events/s from care.ingest.v1 to durable projection state (ingest ->
//      ledger (fsync) -> relay -> care.events.v1 -> projection store (fsync)), and
//   2. end-to-end latency p50/p99 at a fixed offered rate (default 5,000 events/s),
// and the same two figures for raw librdkafka produce + consume of the same payloads on
// the same cluster in the same run, so the ratio survives a noisy machine. Latency is
// measured first, on fresh topics, as the raw run's is.
// Usage: streaming_bench [--events N] [--rate R] [--seconds S]
// Environment, for experiments: CJL_BENCH_LINGER / CJL_BENCH_FETCH_WAIT_MS override the
// clients' linger.ms / fetch.wait.max.ms; CJL_BENCH_DUMP=FILE writes per-event latencies.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <librdkafka/rdkafka.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "consumers/embedded_kafka.h"
#include "consumers/ingest_publisher.h"
#include "consumers/ingestor.h"
#include "consumers/kafka_common.h"
#include "consumers/projection_runner.h"
#include "consumers/relay.h"
#include "events/event_json.h"
#include "ledger/ledger.h"
#include "projections/store/projection_store.h"

namespace {

using namespace cjl;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "streaming_bench: %s\n", what.c_str());
  std::exit(1);
}
template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) Die(std::string(what) + ": " + r.error().ToString());
  return std::move(r.value());
}

// Valid journeys: children x per_child events, interleaved; ids "<tag><seq>".
std::vector<std::pair<std::string, std::string>> Payloads(const std::string& tag, int children,
                                                          int per_child) {
  std::vector<std::pair<std::string, std::string>> out;
  std::uint64_t seq = 0;
  for (int n = 0; n < per_child; ++n) {
    for (int i = 0; i < children; ++i) {
      events::Event e;
      e.event_id = tag + std::to_string(seq++);
      e.child_id = "C" + tag + std::to_string(i);
      e.source = "bench";
      if (n == 0) {
        e.type = events::EventType::kChildRegistered;
        e.occurred_on = MakeDate(2020, 1, 1);
        e.payload.date_of_birth = MakeDate(2015, 6, 1);
        e.payload.sex = "F";
        e.payload.ethnicity = "WBRI";
      } else if (n == 1) {
        e.type = events::EventType::kPeriodOfCareStarted;
        e.occurred_on = MakeDate(2020, 1, 10);
        e.payload.legal_status = "C2";
        e.payload.category_of_need = "N1";
        e.payload.placement = events::Placement{"U1", "PR1", "carer-1", "", ""};
      } else {
        e.type = events::EventType::kPlacementMoved;
        e.occurred_on = MakeDate(2020, 2, 1) + std::chrono::days(n);
        e.payload.placement =
            events::Placement{n % 2 ? "U1" : "U4", "PR1", "carer-" + std::to_string(n), "", ""};
        e.payload.reason_previous_ended = "CARPL";
      }
      out.emplace_back(e.child_id, events::EventToJson(e).dump());
    }
  }
  return out;
}

std::uint64_t SeqOf(std::string_view id, std::size_t tag_len) {
  return std::strtoull(std::string(id.substr(tag_len)).c_str(), nullptr, 10);
}

// CPU time of the whole process (every thread: the clients, the embedded cluster,
// RocksDB's background threads), in seconds.
double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// What a sustained run cost: events/s, and the process CPU it took.
struct SustainedRun {
  double rate = 0;  // events/s
  double cpu_us_per_event = 0;
  double cores() const { return rate * cpu_us_per_event / 1e6; }
};

// The median and 99th percentile of `v` (sorted in place); zeros when empty.
std::pair<double, double> P50P99(std::vector<double>& v) {
  if (v.empty()) return {0, 0};
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 99 / 100)]};
}

// An integer from the environment, or `fallback`.
int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::atoi(v) : fallback;
}

struct Latencies {
  std::mutex mu;
  std::vector<Clock::time_point> sent;
  std::vector<std::int64_t> sent_unix_us;  // for the ledger's recorded_at
  std::vector<double> ms;
  std::vector<std::int64_t> done_unix_us;  // when the projection held it, by sequence
  void Done(std::uint64_t seq, Clock::time_point at) {
    const auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    std::lock_guard<std::mutex> lock(mu);
    if (seq < sent.size()) {
      ms.push_back(std::chrono::duration<double, std::milli>(at - sent[seq]).count());
      if (seq < done_unix_us.size()) done_unix_us[seq] = now_us;
    }
  }
  std::pair<double, double> P50P99() {
    std::lock_guard<std::mutex> lock(mu);
    return ::P50P99(ms);
  }
};

void WaitFor(const std::function<bool()>& done, int seconds) {
  const auto deadline = Clock::now() + std::chrono::seconds(seconds);
  while (!done()) {
    if (Clock::now() > deadline) Die("timed out waiting for the pipeline");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

// Publishes `payloads` at `rate` per second (0 = as fast as possible), noting send times.
void Publish(consumers::IngestPublisher& pub,
             const std::vector<std::pair<std::string, std::string>>& payloads, double rate,
             Latencies* lat) {
  const auto start = Clock::now();
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    if (rate > 0) std::this_thread::sleep_until(start + std::chrono::duration<double>(i / rate));
    if (lat) {
      std::lock_guard<std::mutex> lock(lat->mu);
      lat->sent[i] = Clock::now();
      lat->sent_unix_us[i] = std::chrono::duration_cast<std::chrono::microseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    }
    if (Status s = pub.Publish(payloads[i].first, payloads[i].second); !s.ok())
      Die(s.error().ToString());
  }
  if (Status s = pub.Flush(120000); !s.ok()) Die(s.error().ToString());
}

// The raw run uses the pipeline's client settings (their defaults).
const std::string kFetchWaitMs = std::to_string(consumers::IngestOptions{}.fetch_wait_ms);
const std::string kLingerMs = std::to_string(consumers::RelayOptions{}.linger_ms);

// Raw librdkafka: produce the payloads to `topic`, consume them with an assign()ed
// consumer; returns events/s and CPU per event (latencies into `lat`).
SustainedRun RawRun(const std::string& bootstrap, const char* topic,
                    const std::vector<std::pair<std::string, std::string>>& payloads, double rate,
                    Latencies* lat) {
  consumers::KafkaSettings kafka{bootstrap, {}};
  auto cconf = Must(consumers::MakeConf(kafka, {{"group.id", std::string("raw-") + topic},
                                                {"enable.auto.commit", "false"},
                                                {"fetch.wait.max.ms", kFetchWaitMs}}),
                    "raw consumer conf");
  auto consumer = Must(consumers::MakeClient(RD_KAFKA_CONSUMER, std::move(cconf)), "raw consumer");
  consumers::PartitionList list(rd_kafka_topic_partition_list_new(3));
  for (int p = 0; p < 3; ++p)
    rd_kafka_topic_partition_list_add(list.get(), topic, p)->offset = RD_KAFKA_OFFSET_END;
  rd_kafka_assign(consumer.get(), list.get());
  rd_kafka_poll_set_consumer(consumer.get());
  std::atomic<std::size_t> received{0};
  std::atomic<bool> stop{false};
  std::atomic<bool> warmed_up{false};
  Clock::time_point last_at;
  std::thread reader([&] {
    while (!stop.load()) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer.get(), 50);
      if (m == nullptr) continue;
      if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR && m->key_len > 0 &&
          static_cast<const char*>(m->key)[0] == 'w') {
        warmed_up = true;
      } else if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        last_at = Clock::now();
        if (lat) lat->Done(std::strtoull(static_cast<const char*>(m->key), nullptr, 10), last_at);
        received.fetch_add(1);
      }
      rd_kafka_message_destroy(m);
    }
  });
  auto pconf =
      Must(consumers::MakeConf(kafka, {{"enable.idempotence", "true"}, {"linger.ms", kLingerMs}}),
           "raw producer conf");
  auto producer = Must(consumers::MakeClient(RD_KAFKA_PRODUCER, std::move(pconf)), "raw producer");
  // Warm up both ends (producer id, connections, the consumer's start offset), as the
  // pipeline's clients are warm when it is measured.
  WaitFor(
      [&] {
        for (int p = 0; p < 3; ++p) {
          rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(p),
                            RD_KAFKA_V_KEY("w", 1), RD_KAFKA_V_VALUE(const_cast<char*>("w"), 1),
                            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
        }
        rd_kafka_flush(producer.get(), 1000);
        return warmed_up.load();
      },
      60);
  const auto start = Clock::now();
  const double cpu_start = ProcessCpuSeconds();
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    if (rate > 0) std::this_thread::sleep_until(start + std::chrono::duration<double>(i / rate));
    const std::string key = std::to_string(i);  // the sequence, for latency matching
    if (lat) {
      std::lock_guard<std::mutex> lock(lat->mu);
      lat->sent[i] = Clock::now();
    }
    for (;;) {
      auto err = rd_kafka_producev(
          producer.get(), RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(key.data(), key.size() + 1),
          RD_KAFKA_V_VALUE(const_cast<char*>(payloads[i].second.data()), payloads[i].second.size()),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
      rd_kafka_poll(producer.get(), 10);
    }
    rd_kafka_poll(producer.get(), 0);
  }
  rd_kafka_flush(producer.get(), 60000);
  WaitFor([&] { return received.load() >= payloads.size(); }, 120);
  const double cpu_s = ProcessCpuSeconds() - cpu_start;
  stop = true;
  reader.join();
  rd_kafka_consumer_close(consumer.get());
  const double n = static_cast<double>(payloads.size());
  return {n / std::chrono::duration<double>(last_at - start).count(), cpu_s * 1e6 / n};
}

}  // namespace

int main(int argc, char** argv) {
  int events = 50000;
  double rate = 5000;
  int seconds = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--events"))
      events = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--rate"))
      rate = std::atof(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--seconds"))
      seconds = std::atoi(argv[i + 1]);
  }
  const int per_child = 20;
  const auto sustained = Payloads("s", std::max(1, events / per_child), per_child);
  const int latency_events = static_cast<int>(rate * seconds);
  const auto paced = Payloads("l", std::max(1, latency_events / per_child), per_child);

  auto topics = consumers::ServiceTopics(6);
  topics.push_back({"bench.raw.sustained", 3});
  topics.push_back({"bench.raw.paced", 3});
  auto kafka = Must(consumers::EmbeddedKafka::Start(3, topics), "embedded kafka");
  const std::string dir = (std::filesystem::temp_directory_path() /
                           ("cjl-streaming-bench-" + std::to_string(::getpid())))
                              .string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  // Raw librdkafka baseline first (same payloads, same cluster).
  const SustainedRun raw_kafka =
      RawRun(kafka->bootstrap(), "bench.raw.sustained", sustained, 0, nullptr);
  const double raw_rate = raw_kafka.rate;
  Latencies raw_lat;
  raw_lat.sent.resize(paced.size());
  RawRun(kafka->bootstrap(), "bench.raw.paced", paced, rate, &raw_lat);
  const auto [raw_p50, raw_p99] = raw_lat.P50P99();

  // The stages alone, on the same payloads: JSON validation, then durable AppendBatch
  // into a scratch ledger (batches of 2,000, as ingest does).
  double parse_rate = 0, append_rate = 0;
  {
    std::vector<events::Event> parsed;
    parsed.reserve(sustained.size());
    const auto t0 = Clock::now();
    for (const auto& [key, json] : sustained)
      parsed.push_back(Must(events::ParseEventJson(json, TodayUtc()), "parse"));
    parse_rate = parsed.size() / std::chrono::duration<double>(Clock::now() - t0).count();
    ledger::LedgerOptions scratch;
    scratch.path = dir + "/scratch-ledger";
    auto l = Must(ledger::Ledger::Open(scratch), "scratch ledger");
    const auto t1 = Clock::now();
    for (std::size_t i = 0; i < parsed.size(); i += 2000) {
      std::vector<events::Event> batch(parsed.begin() + i,
                                       parsed.begin() + std::min(parsed.size(), i + 2000));
      for (auto& r : l->AppendBatch(batch)) {
        if (!r.ok()) Die(r.error().ToString());
      }
    }
    append_rate = parsed.size() / std::chrono::duration<double>(Clock::now() - t1).count();
  }
  // The other raw baseline of the goal: raw RocksDB writing the same payloads in synced
  // WriteBatches of 2,000 (key: the sequence number).
  SustainedRun raw_rocks;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(options, dir + "/raw-rocksdb", &raw).ok()) Die("raw rocksdb open");
    std::unique_ptr<rocksdb::DB> db(raw);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    const auto t0 = Clock::now();
    const double cpu0 = ProcessCpuSeconds();
    for (std::size_t i = 0; i < sustained.size(); i += 2000) {
      rocksdb::WriteBatch wb;
      for (std::size_t j = i; j < std::min(sustained.size(), i + 2000); ++j) {
        wb.Put(std::to_string(j), sustained[j].second);
      }
      if (!db->Write(wo, &wb).ok()) Die("raw rocksdb write");
    }
    raw_rocks.rate = sustained.size() / std::chrono::duration<double>(Clock::now() - t0).count();
    raw_rocks.cpu_us_per_event = (ProcessCpuSeconds() - cpu0) * 1e6 / sustained.size();
  }
  const double raw_rocks_rate = raw_rocks.rate;

  ledger::LedgerOptions lo;
  lo.path = dir + "/ledger";
  std::mutex commit_mu;
  std::vector<double> commit_latencies_ms;  // group commits while latency is measured
  std::atomic<bool> measuring_commits{false};
  lo.on_commit = [&](std::size_t, std::chrono::microseconds latency, bool) {
    if (!measuring_commits.load()) return;
    std::lock_guard lock(commit_mu);
    commit_latencies_ms.push_back(latency.count() / 1000.0);
  };
  auto ledger = Must(ledger::Ledger::Open(lo), "ledger");
  projections::StoreOptions so;
  so.path = dir + "/projections";
  auto store = Must(projections::ProjectionStore::Open(so), "store");
  consumers::KafkaSettings ks{kafka->bootstrap(), {}};
  consumers::IngestCounters ic;
  consumers::RelayCounters rc;
  consumers::ProjectorCounters pc;
  Latencies lat;
  lat.sent.resize(paced.size());
  lat.sent_unix_us.resize(paced.size());
  lat.done_unix_us.resize(paced.size());
  std::atomic<bool> measuring_latency{false};
  consumers::RelayOptions ro;
  ro.kafka = ks;
  ro.linger_ms = EnvInt("CJL_BENCH_LINGER", ro.linger_ms);
  auto relay = Must(consumers::Relay::Start(ro, *ledger, rc), "relay");
  consumers::IngestOptions io;
  io.kafka = ks;
  io.static_assignment = true;
  io.group_id = "bench-ingest";
  io.fetch_wait_ms = EnvInt("CJL_BENCH_FETCH_WAIT_MS", io.fetch_wait_ms);
  auto ingest = Must(consumers::Ingestor::Start(io, *ledger, ic), "ingest");
  consumers::ProjectorOptions po;
  po.kafka = ks;
  po.static_assignment = true;
  po.group_id = "bench-projector";
  po.fetch_wait_ms = EnvInt("CJL_BENCH_FETCH_WAIT_MS", po.fetch_wait_ms);
  po.on_durable = [&](const std::vector<std::string>& ids) {
    if (!measuring_latency.load()) return;
    const auto now = Clock::now();
    for (const auto& id : ids) {
      if (id.rfind("l", 0) == 0) lat.Done(SeqOf(id, 1), now);
    }
  };
  auto runner = Must(consumers::ProjectionRunner::Start(po, *store, ledger.get(), pc), "projector");

  // The publisher plays the upstream system: IngestPublisher's default linger, as the
  // HTTP API and `cjl demo` publish.
  auto pub =
      Must(consumers::IngestPublisher::Create(ks, EnvInt("CJL_BENCH_LINGER", 5)), "publisher");
  // Latency first, on fresh topics as the raw run's: the mock cluster finds a fetch's
  // offset by walking the partition's whole log (rdkafka_mock.c), so on topics already
  // holding the sustained run every fetch is slower, which is the mock, not the pipeline.
  // A warm-up goes before it (connections, the projector's first assignment and fetch).
  const auto warm_up = Payloads("w", 100, 2);
  Publish(*pub, warm_up, 0, nullptr);
  WaitFor([&] { return pc.applied.load() >= warm_up.size(); }, 600);
  measuring_latency = true;
  measuring_commits = true;
  Publish(*pub, paced, rate, &lat);
  WaitFor([&] { return pc.applied.load() >= warm_up.size() + paced.size(); }, 600);
  measuring_latency = false;
  measuring_commits = false;

  const auto start = Clock::now();
  const double cpu_start = ProcessCpuSeconds();
  Publish(*pub, sustained, 0, nullptr);
  const double published_s = std::chrono::duration<double>(Clock::now() - start).count();
  double appended_s = 0, relayed_s = 0, applied_s = 0;
  const std::size_t all = warm_up.size() + paced.size() + sustained.size();
  // The relay counts what it relayed when it stores its cursor, which may be after the
  // projector applied everything: wait for all three stages, each timed when reached.
  WaitFor(
      [&] {
        const double t = std::chrono::duration<double>(Clock::now() - start).count();
        if (appended_s == 0 && ic.appended.load() >= all) appended_s = t;
        if (relayed_s == 0 && rc.relayed.load() >= all) relayed_s = t;
        if (applied_s == 0 && pc.applied.load() >= all) applied_s = t;
        return appended_s > 0 && relayed_s > 0 && applied_s > 0;
      },
      600);
  std::printf("  stages (s from start): published %.2f appended %.2f relayed %.2f applied %.2f\n",
              published_s, appended_s, relayed_s, applied_s);
  const double pipeline_rate = sustained.size() / applied_s;
  const SustainedRun pipeline{pipeline_rate,
                              (ProcessCpuSeconds() - cpu_start) * 1e6 / sustained.size()};

  const auto [p50, p99] = lat.P50P99();
  // The ingest share of the latency: publish -> the ledger's group commit (recorded_at,
  // taken when the group's judging begins, so the group's own judging and sync are in
  // the onward share).
  std::vector<double> ingest_ms;
  std::vector<double> onward_ms;  // recorded in the ledger -> durable in the projection
  // CJL_BENCH_DUMP=FILE: "sequence ingest_ms onward_ms" per sampled event.
  const char* dump_path = std::getenv("CJL_BENCH_DUMP");
  std::FILE* dump = dump_path != nullptr ? std::fopen(dump_path, "w") : nullptr;
  for (std::size_t i = 0; i < paced.size(); i += 10) {
    auto pos = Must(ledger->FindEventId("l" + std::to_string(i)), "find");
    if (!pos) continue;
    auto r = Must(ledger->Read(*pos), "read");
    ingest_ms.push_back((r.recorded_at_us - lat.sent_unix_us[i]) / 1000.0);
    onward_ms.push_back((lat.done_unix_us[i] - r.recorded_at_us) / 1000.0);
    if (dump) std::fprintf(dump, "%zu %.2f %.2f\n", i, ingest_ms.back(), onward_ms.back());
  }
  if (dump) std::fclose(dump);
  const auto [ingest_p50, ingest_p99] = P50P99(ingest_ms);
  const auto [onward_p50, onward_p99] = P50P99(onward_ms);
  std::vector<double> commit_ms;
  {
    std::lock_guard lock(commit_mu);
    commit_ms = commit_latencies_ms;
  }
  const auto [commit_p50, commit_p99] = P50P99(commit_ms);

  runner->Stop();
  ingest->Stop();
  relay->Stop();
  std::printf("streaming_bench: %zu events sustained, %zu paced at %.0f/s (payload ~%zu B)\n",
              sustained.size(), paced.size(), rate, sustained[sustained.size() / 2].second.size());
  std::printf(
      "  pipeline  ingest->durable projection: %10.0f events/s   latency p50 %7.2f ms  p99 %7.2f "
      "ms\n",
      pipeline_rate, p50, p99);
  std::printf(
      "  raw       librdkafka produce+consume: %10.0f events/s   latency p50 %7.2f ms  p99 %7.2f "
      "ms\n",
      raw_rate, raw_p50, raw_p99);
  std::printf(
      "  of which  publish -> appended to the ledger p50 %.2f ms p99 %.2f ms; ledger group "
      "commit (arrival -> durable) p50 %.2f ms p99 %.2f ms over %zu commits\n",
      ingest_p50, ingest_p99, commit_p50, commit_p99, commit_ms.size());
  std::printf("            recorded in the ledger -> durable projection p50 %.2f ms p99 %.2f ms\n",
              onward_p50, onward_p99);
  std::printf(
      "  stages    ParseEventJson %.0f events/s; Ledger::AppendBatch(2000, synced) %.0f events/s\n",
      parse_rate, append_rate);
  std::printf("  raw       RocksDB WriteBatch(2000, synced) of the payloads: %.0f events/s\n",
              raw_rocks_rate);
  std::printf(
      "  ratio     pipeline / slower raw (the goal's measure) %.3f; duplicates %llu, gaps "
      "repaired %llu\n",
      pipeline_rate / std::min(raw_rate, raw_rocks_rate),
      static_cast<unsigned long long>(ic.duplicates.load()),
      static_cast<unsigned long long>(pc.gaps_repaired.load()));
  // The pipeline makes two Kafka round trips (publisher -> ingest, relay -> projector)
  // and two synced RocksDB writes (ledger, projection store) per event: at the raw
  // baselines' own CPU per event, that alone bounds its throughput on this machine's cores.
  const double floor_us = 2 * raw_kafka.cpu_us_per_event + 2 * raw_rocks.cpu_us_per_event;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const double bound = cores * 1e6 / floor_us;
  std::printf(
      "  cpu       per event (cores busy): raw Kafka round trip %.1f us (%.2f), raw RocksDB "
      "synced write %.1f us (%.2f), pipeline %.1f us (%.2f)\n",
      raw_kafka.cpu_us_per_event, raw_kafka.cores(), raw_rocks.cpu_us_per_event, raw_rocks.cores(),
      pipeline.cpu_us_per_event, pipeline.cores());
  std::printf(
      "  bound     2 round trips + 2 synced writes = %.1f us of CPU an event: on %u cores at "
      "most %.0f events/s, %.3f of the slower raw\n",
      floor_us, cores, bound, bound / std::min(raw_rate, raw_rocks_rate));
  // Ingest must also parse the JSON contract (measured above on one thread).
  const double with_parse_us = floor_us + 1e6 / parse_rate;
  const double bound_with_parse = cores * 1e6 / with_parse_us;
  std::printf(
      "            with the JSON parse (ParseEventJson) %.1f us: at most %.0f events/s, %.3f of "
      "the slower raw\n",
      with_parse_us, bound_with_parse, bound_with_parse / std::min(raw_rate, raw_rocks_rate));
  runner.reset();
  ingest.reset();
  relay.reset();
  store.reset();
  ledger.reset();
  std::filesystem::remove_all(dir);
  return 0;
}
