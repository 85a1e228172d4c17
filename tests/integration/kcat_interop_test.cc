// Interop: a third-party Kafka client (kcat, a separate process speaking the wire
// protocol) produces to the ingest topic and consumes the events topic of the embedded
// cluster. Skipped, with the reason, when kcat is not installed.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/integration/streaming_fixture.h"

namespace cjl::testing {
namespace {

constexpr const char* kKcat = "/usr/bin/kcat";

// Runs `command` through the shell; returns its exit status and stdout.
std::pair<int, std::string> RunShell(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return {-1, out};
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  return {pclose(p), out};
}

TEST_F(StreamingTest, KcatProducesToIngestAndConsumesEvents) {
  if (!std::filesystem::exists(kKcat)) GTEST_SKIP() << "kcat is not installed at " << kKcat;
  StartAll();
  const auto evs = Journeys("k", 4, 3);
  const std::string input = dir_.Sub("kcat-input.txt");
  {
    std::ofstream f(input);
    for (const auto& e : evs) f << e.child_id << '\t' << events::EventToJson(e).dump() << '\n';
  }
  auto [produce_rc, produce_out] =
      RunShell(std::string("timeout 60 ") + kKcat + " -P -b " + kafka_->bootstrap() +
               " -t care.ingest.v1 -K '\\t' -l " + input + " 2>&1");
  ASSERT_EQ(produce_rc, 0) << produce_out;
  ASSERT_TRUE(ProjectionReaches(evs.size()));
  ExpectStoreMatchesLedger();

  auto [consume_rc, consumed] =
      RunShell(std::string("timeout 60 ") + kKcat + " -C -b " + kafka_->bootstrap() +
               " -t care.events.v1 -o beginning -e -q -c " + std::to_string(evs.size()) +
               " -f '%k|%h\\n' 2>&1");
  ASSERT_EQ(consume_rc, 0) << consumed;
  std::istringstream lines(consumed);
  std::string line;
  std::size_t seen = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    ++seen;
    EXPECT_EQ(line.rfind("Ck", 0), 0u) << line;  // key = child_id
    EXPECT_NE(line.find("position="), std::string::npos) << line;
    EXPECT_NE(line.find("stream_version="), std::string::npos) << line;
    EXPECT_NE(line.find("type="), std::string::npos) << line;
  }
  EXPECT_EQ(seen, evs.size()) << consumed;
}

}  // namespace
}  // namespace cjl::testing
