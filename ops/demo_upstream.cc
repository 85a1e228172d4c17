#include "ops/demo_upstream.h"

#include <algorithm>

#include "consumers/ingest_publisher.h"

namespace cjl::ops {
namespace {
constexpr auto kTick = std::chrono::milliseconds(100);
}

Result<std::unique_ptr<DemoUpstream>> DemoUpstream::Start(const DemoUpstreamOptions& options) {
  std::vector<events::Event> all;
  generator::GenerateJourneys(options.journeys, [&](const events::Event& e) { all.push_back(e); });
  // Stable: a child's same-day events keep the generator's business order.
  std::stable_sort(all.begin(), all.end(), [](const events::Event& a, const events::Event& b) {
    return a.occurred_on < b.occurred_on;
  });
  std::unique_ptr<DemoUpstream> up(new DemoUpstream());
  up->total_ = all.size();
  if (!all.empty()) up->clock_days_ = all.front().occurred_on.time_since_epoch().count();
  up->thread_ = std::thread([u = up.get(), options, events = std::move(all)]() mutable {
    u->Run(std::move(options), std::move(events));
  });
  return up;
}

DemoUpstream::~DemoUpstream() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

Status DemoUpstream::status() const {
  std::lock_guard lock(mu_);
  return status_;
}

void DemoUpstream::Run(DemoUpstreamOptions options, std::vector<events::Event> events) {
  auto fail = [&](const Error& e) {
    std::lock_guard lock(mu_);
    status_ = e;
    finished_ = true;
  };
  auto publisher = consumers::IngestPublisher::Create(options.kafka);
  if (!publisher.ok()) return fail(publisher.error());
  const Date end = options.journeys.last_date;
  double clock = static_cast<double>(clock_days_.load());
  std::size_t next = 0;
  // The clock advances days_per_second simulated days per second of real time; each
  // tick publishes every event dated on or before the clock.
  auto tick_start = std::chrono::steady_clock::now();
  while (!stopping_ && next < events.size()) {
    const Date today(std::chrono::days(static_cast<long>(clock)));
    while (next < events.size() && events[next].occurred_on <= today) {
      if (Status s = (*publisher)->Publish(events[next]); !s.ok()) return fail(s.error());
      ++next;
    }
    published_ = next;
    clock_days_ = std::min(today, end).time_since_epoch().count();
    tick_start += kTick;
    std::this_thread::sleep_until(tick_start);  // pacing the publisher, not synchronisation
    clock += options.days_per_second * std::chrono::duration<double>(kTick).count();
  }
  if (Status s = (*publisher)->Flush(30000); !s.ok()) return fail(s.error());
  finished_ = true;
}

}  // namespace cjl::ops
