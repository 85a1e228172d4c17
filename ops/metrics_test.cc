#include "ops/metrics.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/temp_dir.h"

namespace cjl::ops {
namespace {

using namespace cjl::testing;

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ledger::LedgerOptions options;
    options.path = dir_.Sub("ledger");
    options.on_commit = [this](std::size_t n, std::chrono::microseconds l, bool ok) {
      metrics_->ObserveCommit(n, l, ok);
    };
    auto ledger = ledger::Ledger::Open(options);
    ASSERT_OK(ledger);
    ledger_ = std::move(*ledger);
    view_ = std::make_unique<LiveProjection>(*ledger_);
    metrics_->AttachIngest(&ingest_);
    metrics_->AttachLiveProjection(view_.get(), ledger_.get());
  }
  TempDir dir_;
  std::unique_ptr<Metrics> metrics_ = Metrics::Unexposed();
  consumers::IngestCounters ingest_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<LiveProjection> view_;
};

TEST_F(MetricsTest, ExposesOperationalAndDomainSeries) {
  ASSERT_OK(ledger_->Append(CareStarted("s1", "CHILD-SECRET-1", "2022-01-10")));
  ASSERT_TRUE(view_->WaitFor(LedgerPosition(1), std::chrono::seconds(10)));
  ingest_.appended = 7;
  metrics_->ObserveRequest("GET", "/v1/children/{id}", 200);
  std::string text = metrics_->Render();
  EXPECT_NE(text.find("cjl_ledger_append_latency_seconds_bucket"), std::string::npos);
  EXPECT_NE(text.find("cjl_ledger_batch_size_events_count 1"), std::string::npos) << text;
  EXPECT_NE(text.find("cjl_ingest_messages_total{result=\"appended\"} 7"), std::string::npos)
      << text;
  EXPECT_NE(text.find("cjl_scorecard_children_looked_after 1"), std::string::npos) << text;
  EXPECT_NE(text.find("cjl_tracker_milestones{"), std::string::npos) << text;
}

TEST_F(MetricsTest, NoChildIdentifierInAnyMetric) {
  for (int i = 0; i < 5; ++i) {
    const std::string child = "CHILD-SECRET-" + std::to_string(i);
    ASSERT_OK(ledger_->Append(CareStarted("s" + std::to_string(i), child, "2022-01-10")));
    ASSERT_OK(
        ledger_->Append(Moved("m" + std::to_string(i), child, "2022-02-01", "U2", "carer-secret")));
  }
  ASSERT_TRUE(view_->WaitFor(ledger_->Head(), std::chrono::seconds(10)));
  metrics_->ObserveRequest("GET", "/v1/children/{id}", 404);
  std::string text = metrics_->Render();
  EXPECT_EQ(text.find("CHILD-SECRET"), std::string::npos) << text;
  EXPECT_EQ(text.find("carer-secret"), std::string::npos) << text;
}

TEST_F(MetricsTest, PassesPromtoolCheck) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "promtool (Debian package prometheus) is not installed";
  }
  ASSERT_OK(ledger_->Append(CareStarted("s1", "C1", "2022-01-10")));
  ASSERT_TRUE(view_->WaitFor(LedgerPosition(1), std::chrono::seconds(10)));
  const std::string file = dir_.Sub("metrics.txt");
  std::ofstream(file) << metrics_->Render();
  const std::string cmd =
      "promtool check metrics < " + file + " > " + dir_.Sub("promtool.out") + " 2>&1";
  int rc = std::system(cmd.c_str());
  std::ifstream out(dir_.Sub("promtool.out"));
  std::string report((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  EXPECT_EQ(rc, 0) << report;
}

}  // namespace
}  // namespace cjl::ops
