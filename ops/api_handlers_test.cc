#include "ops/api_handlers.h"

#include <CivetServer.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "events/event_json.h"
#include "tests/support/assert_ok.h"
#include "tests/support/event_builders.h"
#include "tests/support/temp_dir.h"

namespace cjl::ops {
namespace {

using json = nlohmann::json;
using namespace cjl::testing;

const std::string kRead = "read-token-0123456789";
const std::string kWrite = "write-token-0123456789";

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ledger::LedgerOptions options;
    options.path = dir_.Sub("ledger");
    auto ledger = ledger::Ledger::Open(options);
    ASSERT_OK(ledger);
    ledger_ = std::move(*ledger);
    view_ = std::make_unique<LiveProjection>(*ledger_);
    config_.tokens = {kRead, kWrite};
    handlers_ = std::make_unique<ApiHandlers>(config_, *ledger_, *view_);
  }
  HttpResponse Call(const std::string& method, const std::string& path, const std::string& token,
                    std::map<std::string, std::string> query = {}, std::string body = "") {
    HttpRequest r{method, path, std::move(query), std::move(body),
                  token.empty() ? "" : "Bearer " + token};
    return handlers_->Handle(r);
  }
  std::string EventJson(const events::Event& e) { return events::EventToJson(e).dump(); }
  void CatchUp() { ASSERT_TRUE(view_->WaitFor(ledger_->Head(), std::chrono::seconds(10))); }

  TempDir dir_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<LiveProjection> view_;
  ApiConfig config_;
  std::unique_ptr<ApiHandlers> handlers_;
};

TEST_F(ApiTest, HealthzNeedsNoToken) {
  auto r = Call("GET", "/healthz", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["status"], "ok");
}

TEST_F(ApiTest, ApiNeedsAValidTokenOfTheRightKind) {
  EXPECT_EQ(Call("GET", "/v1/trackers", "").status, 401);
  EXPECT_EQ(Call("GET", "/v1/trackers", "wrong-token-wrong-token").status, 401);
  EXPECT_EQ(Call("GET", "/v1/trackers", kWrite).status, 403);
  EXPECT_EQ(Call("POST", "/v1/events", kRead, {}, "[]").status, 403);
  EXPECT_EQ(Call("GET", "/v1/trackers", kRead).status, 200);
}

TEST_F(ApiTest, PostEventsAppendsAndReportsDuplicates) {
  std::string body = "[" + EventJson(CareStarted("s1", "C1", "2022-01-10")) + "," +
                     EventJson(Moved("m1", "C1", "2022-02-01", "U2", "k2")) + "]";
  auto first = Call("POST", "/v1/events", kWrite, {}, body);
  ASSERT_EQ(first.status, 201) << first.body;
  auto results = json::parse(first.body)["results"];
  EXPECT_EQ(results[0]["position"], 1);
  EXPECT_EQ(results[1]["stream_version"], 2);
  EXPECT_EQ(results[1]["duplicate"], false);
  auto again =
      Call("POST", "/v1/events", kWrite, {}, EventJson(CareStarted("s1", "C1", "2022-01-10")));
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(json::parse(again.body)["results"][0]["duplicate"], true);
  EXPECT_EQ(json::parse(again.body)["results"][0]["position"], 1);
}

TEST_F(ApiTest, MalformedEventsListEveryErrorAndAppendNothing) {
  auto bad = CareStarted("s1", "C1", "2022-01-10");
  bad.payload.placement->placement_type = "U9";
  std::string body = "[" + EventJson(CareStarted("ok", "C2", "2022-01-10")) + "," + EventJson(bad) +
                     R"(,{"event_id":"x"}])";
  auto r = Call("POST", "/v1/events", kWrite, {}, body);
  ASSERT_EQ(r.status, 400) << r.body;
  auto errors = json::parse(r.body)["errors"];
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0]["index"], 1);
  EXPECT_EQ(errors[0]["errors"][0]["field"], "payload.placement.placement_type");
  EXPECT_EQ(errors[1]["index"], 2);
  EXPECT_EQ(ledger_->Head(), LedgerPosition(0));
  EXPECT_EQ(Call("POST", "/v1/events", kWrite, {}, "{not json").status, 400);
}

TEST_F(ApiTest, DomainRejectionIs422WithTheRule) {
  auto r = Call("POST", "/v1/events", kWrite, {},
                EventJson(Moved("m1", "C9", "2022-02-01", "U2", "k2")));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("has no open period of care"), std::string::npos);
}

TEST_F(ApiTest, ConflictingContentIs409) {
  ASSERT_EQ(Call("POST", "/v1/events", kWrite, {}, EventJson(CareStarted("s1", "C1", "2022-01-10")))
                .status,
            201);
  auto r = Call("POST", "/v1/events", kWrite, {}, EventJson(CareStarted("s1", "C1", "2022-01-11")));
  EXPECT_EQ(r.status, 409) << r.body;
}

TEST_F(ApiTest, ChildTrackersAndScorecardReflectTheLedger) {
  ASSERT_OK(ledger_->Append(CareStarted("s1", "C1", "2022-01-10")));
  ASSERT_OK(ledger_->Append(CareStarted("s2", "C2", "2022-03-01")));
  CatchUp();
  auto child = Call("GET", "/v1/children/C1", kRead, {{"as_at", "2022-06-30"}});
  ASSERT_EQ(child.status, 200) << child.body;
  EXPECT_EQ(Call("GET", "/v1/children/NOPE", kRead).status, 404);

  auto trackers = Call("GET", "/v1/trackers", kRead, {{"as_at", "2022-06-30"}, {"limit", "1"}});
  ASSERT_EQ(trackers.status, 200) << trackers.body;
  auto t = json::parse(trackers.body);
  EXPECT_EQ(t["total"], 2);
  EXPECT_EQ(t["children"].size(), 1u);
  EXPECT_EQ(t["next_cursor"], "1");
  auto page2 = json::parse(
      Call("GET", "/v1/trackers", kRead, {{"as_at", "2022-06-30"}, {"limit", "1"}, {"cursor", "1"}})
          .body);
  EXPECT_EQ(page2["children"].size(), 1u);
  EXPECT_NE(page2["children"][0]["child_id"], t["children"][0]["child_id"]);
  EXPECT_TRUE(page2["next_cursor"].is_null());

  auto card = Call("GET", "/v1/scorecard", kRead, {{"as_at", "2022-06-30"}});
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_EQ(json::parse(card.body)["children_looked_after"], 2);
  EXPECT_TRUE(json::parse(card.body)["cla_rate_per_10000"].is_null());  // no population set

  // With the population setting (`cjl serve --population-0-17`): 2 / 8,000 x 10,000 = 2.5.
  config_.population_0_17 = 8000;
  ApiHandlers with_population(config_, *ledger_, *view_);
  HttpRequest r{"GET", "/v1/scorecard", {{"as_at", "2022-06-30"}}, "", "Bearer " + kRead};
  auto rated = json::parse(with_population.Handle(r).body);
  EXPECT_EQ(rated["population_0_17"], 8000);
  EXPECT_DOUBLE_EQ(rated["cla_rate_per_10000"].get<double>(), 2.5);
}

TEST_F(ApiTest, TrackersCarryAndFilterByTheAllocatedTeam) {
  ASSERT_OK(ledger_->Append(CareStarted("s1", "C1", "2022-01-10")));
  ASSERT_OK(ledger_->Append(CareStarted("s2", "C2", "2022-01-10")));
  auto allocated = MakeEvent("a1", events::EventType::kChildAllocated, "C1", "2022-01-11");
  allocated.payload.team = "North";
  ASSERT_OK(ledger_->Append(allocated));
  CatchUp();
  auto all = json::parse(Call("GET", "/v1/trackers", kRead, {{"as_at", "2022-06-30"}}).body);
  ASSERT_EQ(all["total"], 2);
  auto north = json::parse(
      Call("GET", "/v1/trackers", kRead, {{"as_at", "2022-06-30"}, {"team", "North"}}).body);
  ASSERT_EQ(north["total"], 1);
  EXPECT_EQ(north["children"][0]["child_id"], "C1");
  EXPECT_EQ(north["children"][0]["team"], "North");
}

TEST_F(ApiTest, BadQueryParametersAreNamed) {
  auto r = Call("GET", "/v1/scorecard", kRead, {{"as_at", "2022-13-01"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("as_at"), std::string::npos);
  EXPECT_EQ(Call("GET", "/v1/scorecard", kRead, {{"profile", "nope"}}).status, 400);
  EXPECT_EQ(Call("GET", "/v1/trackers", kRead, {{"limit", "0"}}).status, 400);
  EXPECT_EQ(Call("GET", "/v1/trackers", kRead, {{"sort", "random"}}).status, 400);
  auto status = Call("GET", "/v1/trackers", kRead, {{"status", "bogus"}});
  EXPECT_EQ(status.status, 400);
  EXPECT_NE(status.body.find("status: must be one of"), std::string::npos) << status.body;
  auto alert = Call("GET", "/v1/trackers", kRead, {{"alert", "overdue:bogus"}});
  EXPECT_EQ(alert.status, 400);
  EXPECT_NE(alert.body.find("alert: must be an alert kind"), std::string::npos) << alert.body;
  for (const char* kind : {"overdue", "due_soon:first_review", "waiting_in_care_18_months"}) {
    EXPECT_EQ(Call("GET", "/v1/trackers", kRead, {{"alert", kind}}).status, 200) << kind;
  }
  EXPECT_EQ(Call("GET", "/v1/trackers", kRead, {{"status", "due_soon"}}).status, 200);
}

TEST_F(ApiTest, ReadyWhenProjectionsHaveCaughtUp) {
  ASSERT_OK(ledger_->Append(CareStarted("s1", "C1", "2022-01-10")));
  CatchUp();
  auto r = Call("GET", "/readyz", "");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["projection_position"], 1);
}

TEST_F(ApiTest, DashboardIsServedWithoutExternalResources) {
  auto page = Call("GET", "/", "");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.content_type.find("text/html"), std::string::npos);
  EXPECT_EQ(page.body.find("http://"), std::string::npos);
  EXPECT_EQ(page.body.find("https://"), std::string::npos);
  EXPECT_EQ(Call("GET", "/assets/app.js", "").status, 200);
  EXPECT_EQ(Call("GET", "/assets/nope.js", "").status, 404);
}

TEST_F(ApiTest, RouteTemplatesNeverCarryTheChildId) {
  EXPECT_EQ(ApiHandlers::RouteOf("/v1/children/C000123"), "/v1/children/{id}");
  EXPECT_EQ(ApiHandlers::RouteOf("/v1/whatever/C000123"), "other");
}

// Over a real socket: the civetweb adapter, the size limit and the status lines.
TEST_F(ApiTest, ServerAnswersOverHttpAndLimitsBodySize) {
  ApiConfig config = config_;
  config.listen = "127.0.0.1:0";
  config.max_body_bytes = 1024;
  auto server = ApiServer::Start(config, *ledger_, *view_);
  ASSERT_OK(server);
  const std::string url = (*server)->url();
  const int port = std::stoi(url.substr(url.rfind(':') + 1));
  auto request = [&](const std::string& text) {
    char err[256] = {0};
    mg_connection* conn = mg_connect_client("127.0.0.1", port, 0, err, sizeof err);
    EXPECT_NE(conn, nullptr) << err;
    if (!conn) return std::pair<int, std::string>{0, ""};
    mg_write(conn, text.data(), text.size());
    EXPECT_GE(mg_get_response(conn, err, sizeof err, 10000), 0) << err;
    int status = mg_get_response_info(conn)->status_code;
    std::string body;
    char buf[4096];
    for (int n; (n = mg_read(conn, buf, sizeof buf)) > 0;) body.append(buf, n);
    mg_close_connection(conn);
    return std::pair<int, std::string>{status, body};
  };
  auto health = request("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(health.first, 200);
  std::string big(2048, 'x');
  auto too_big = request("POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kWrite +
                         "\r\nContent-Length: " + std::to_string(big.size()) +
                         "\r\nConnection: close\r\n\r\n" + big);
  EXPECT_EQ(too_big.first, 413) << too_big.second;
  auto unauthorised = request("GET /v1/scorecard HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(unauthorised.first, 401);
}

}  // namespace
}  // namespace cjl::ops
