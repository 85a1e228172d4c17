#include "consumers/relay.h"

#include <pthread.h>

#include <algorithm>
#include <deque>
#include <thread>

#include <spdlog/spdlog.h>

#include "events/event_binary.h"

namespace cjl::consumers {

struct Relay::Impl {
  enum Delivery : std::uint8_t { kPending, kDelivered, kFailed };

  RelayOptions options;
  ledger::Ledger* ledger = nullptr;
  RelayCounters* counters = nullptr;
  KafkaHandle producer;
  StopSignal stop;
  FatalError fatal;
  std::thread thread;
  // Positions 1..acked were all delivered; acked+1..produced are in flight, their
  // delivery states in `window` (front = acked+1). Only this thread touches these (the
  // delivery callback runs on it, inside rd_kafka_poll/flush).
  std::uint64_t stored = 0;  // the cursor as stored in the ledger
  std::uint64_t acked = 0;
  std::uint64_t produced = 0;
  std::deque<Delivery> window;
  bool failed = false;
  rd_kafka_resp_err_t failure = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::chrono::steady_clock::time_point last_store{};

  static void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    // Counted when reported (not when the relay has drained and rewound, which waits on
    // every message in flight, and so on the broker that is down).
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      self->counters->delivery_failures.fetch_add(1, std::memory_order_relaxed);
    }
    const auto position = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(m->_private));
    if (position <= self->acked || position - self->acked > self->window.size()) return;
    Delivery& d = self->window[position - self->acked - 1];
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      d = kDelivered;
    } else {
      d = kFailed;
      self->failed = true;
      self->failure = m->err;
    }
  }

  Status Connect();
  void Run();
  // Queues positions produced+1.. (up to max_batch). false on a fatal error.
  bool ProduceMore();
  // Moves `acked` over the delivered prefix and stores the cursor now and then (always
  // when `force`). Counts what was relayed.
  void Advance(bool force);
  // After a failed delivery: waits for everything in flight, then rewinds `produced` to
  // the delivered prefix so the rest is produced again. false when stopping.
  bool Rewind();
};

Status Relay::Impl::Connect() {
  auto conf = MakeConf(options.kafka, {{"enable.idempotence", "true"},
                                       {"linger.ms", std::to_string(options.linger_ms)},
                                       {"compression.type", "lz4"}});
  if (!conf.ok()) return conf.error();
  rd_kafka_conf_set_opaque(conf->get(), this);
  rd_kafka_conf_set_dr_msg_cb(conf->get(), &Impl::OnDelivery);
  auto p = MakeClient(RD_KAFKA_PRODUCER, std::move(conf.value()));
  if (!p.ok()) return p.error();
  producer = std::move(p.value());
  return Status::Ok();
}

bool Relay::Impl::ProduceMore() {
  const std::uint64_t room =
      options.max_in_flight - std::min(options.max_in_flight, produced - acked);
  if (room == 0) return true;
  Status scan = ledger->Scan(
      LedgerPosition(produced + 1), std::min(room, options.max_batch),
      [&](const events::RecordedEvent& r) {
        const std::string value = events::EncodeRecorded(r);
        const std::string position = std::to_string(r.position.value());
        const std::string version = std::to_string(r.stream_version.value());
        const char* type = events::EventTypeName(r.event.type);
        window.push_back(kPending);
        for (;;) {
          rd_kafka_resp_err_t err = rd_kafka_producev(
              producer.get(), RD_KAFKA_V_TOPIC(kEventsTopic),
              RD_KAFKA_V_KEY(r.event.child_id.data(), r.event.child_id.size()),
              RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
              RD_KAFKA_V_HEADER("position", position.data(), static_cast<ssize_t>(position.size())),
              RD_KAFKA_V_HEADER("stream_version", version.data(),
                                static_cast<ssize_t>(version.size())),
              RD_KAFKA_V_HEADER("type", type, -1),
              RD_KAFKA_V_OPAQUE(
                  reinterpret_cast<void*>(static_cast<std::uintptr_t>(r.position.value()))),
              RD_KAFKA_V_END);
          if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
          if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            // Not queued: treat as a failed delivery from here on (produced again later).
            window.back() = kFailed;
            failed = true;
            failure = err;
            counters->delivery_failures.fetch_add(1, std::memory_order_relaxed);
            return false;
          }
          rd_kafka_poll(producer.get(), 10);
        }
        produced = r.position.value();
        return true;
      });
  if (!scan.ok()) {
    fatal.Set(scan.error());
    return false;
  }
  return true;
}

void Relay::Impl::Advance(bool force) {
  while (!window.empty() && window.front() == kDelivered) {
    window.pop_front();
    ++acked;
  }
  if (acked <= stored) return;
  const auto now = std::chrono::steady_clock::now();
  // The cursor write is synced: batch it (every cursor_interval_ms, or when idle).
  if (!force && window.size() > 0 &&
      now - last_store < std::chrono::milliseconds(options.cursor_interval_ms)) {
    return;
  }
  // Not fsynced: a cursor lost with the machine only re-produces events, which the
  // consumers skip (at-least-once); an fsync here would stall the relay and share the
  // ledger's WAL with its appends.
  Status s =
      ledger->SetCursor(kRelayCursor, LedgerPosition(acked), ledger::Ledger::CursorSync::kNoSync);
  if (!s.ok()) {
    // Not fatal: the events are on the topic; a restart re-produces them (duplicates).
    spdlog::warn("relay: cursor not stored: {}", s.error().message());
    return;
  }
  counters->relayed.fetch_add(acked - stored, std::memory_order_relaxed);
  counters->position.store(acked, std::memory_order_relaxed);
  stored = acked;
  last_store = now;
}

bool Relay::Impl::Rewind() {
  while (rd_kafka_outq_len(producer.get()) > 0) {
    rd_kafka_flush(producer.get(), 200);
    if (stop.requested() && rd_kafka_outq_len(producer.get()) > 0) return false;
  }
  Advance(/*force=*/true);
  spdlog::warn("relay: delivery failed after position {}, producing again from there: {}", acked,
               rd_kafka_err2str(failure));
  window.clear();
  produced = acked;
  failed = false;
  char reason[512];
  if (rd_kafka_fatal_error(producer.get(), reason, sizeof reason) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    spdlog::error("relay: producer fatal error, recreating it: {}", reason);
    producer.reset();
    if (Status s = Connect(); !s.ok()) {
      fatal.Set(s.error());
      return false;
    }
    counters->producer_restarts.fetch_add(1, std::memory_order_relaxed);
  }
  return !stop.WaitFor(std::chrono::milliseconds(200));
}

void Relay::Impl::Run() {
  while (!stop.requested()) {
    LedgerPosition head;
    if (produced == acked) {
      // Nothing in flight: block on the ledger (bounded, so Stop is noticed).
      head = ledger->WaitForHeadBeyond(LedgerPosition(produced),
                                       std::chrono::milliseconds(options.idle_wait_ms));
    } else {
      head = ledger->Head();
    }
    counters->lag.store(head.value() - std::min(head.value(), acked), std::memory_order_relaxed);
    const bool more = head.value() > produced && !failed;
    if (more && !ProduceMore() && !fatal.Get().ok()) return;
    // Serve delivery reports; wait a little for them when there is nothing new to send.
    rd_kafka_poll(producer.get(), more ? 0 : (produced > acked ? 5 : 0));
    Advance(/*force=*/produced == acked);
    if (failed && !Rewind()) return;
  }
}

Relay::Relay(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<Relay>> Relay::Start(const RelayOptions& options, ledger::Ledger& ledger,
                                            RelayCounters& counters) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->ledger = &ledger;
  impl->counters = &counters;
  auto cursor = ledger.GetCursor(kRelayCursor);
  if (!cursor.ok()) return cursor.error();
  impl->stored = impl->acked = impl->produced = cursor->value();
  counters.position.store(cursor->value());
  if (Status s = impl->Connect(); !s.ok()) return s.error();
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->Run(); });
  pthread_setname_np(impl->thread.native_handle(), "cjl-relay");  // for top -H and perf
  return std::unique_ptr<Relay>(new Relay(std::move(impl)));
}

Status Relay::health() const { return impl_->fatal.Get(); }

void Relay::Stop() {
  if (!impl_ || !impl_->producer) return;
  impl_->stop.Request();
  if (impl_->thread.joinable()) impl_->thread.join();
  // Record what was delivered before leaving (deliveries still outstanding after the
  // flush are produced again by the next run).
  rd_kafka_flush(impl_->producer.get(), 2000);
  if (!impl_->failed) impl_->Advance(/*force=*/true);
  impl_->producer.reset();
}

Relay::~Relay() { Stop(); }

}  // namespace cjl::consumers
