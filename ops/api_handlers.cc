#include "ops/api_handlers.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include <nlohmann/json.hpp>

#include "events/event_json.h"
#include "ops/dashboard_assets.h"
#include "projections/child_report.h"
#include "projections/journey.h"
#include "projections/scorecard.h"
#include "projections/tracker.h"

namespace cjl::ops {
namespace {

using json = nlohmann::json;

HttpResponse Json(int status, const json& body) {
  return {status, "application/json", body.dump()};
}

bool IsMilestoneStatus(std::string_view status) {
  return std::any_of(std::begin(projections::kMilestoneStatuses),
                     std::end(projections::kMilestoneStatuses),
                     [&](const char* s) { return status == s; });
}

// An alert kind, or overdue / due_soon alone (any milestone), as the trackers filter takes.
bool IsAlertFilter(std::string_view alert) {
  for (std::string_view prefix : {"overdue", "due_soon"}) {
    if (alert == prefix) return true;
    if (alert.size() > prefix.size() + 1 && alert.substr(0, prefix.size()) == prefix &&
        alert[prefix.size()] == ':') {
      const std::string_view id = alert.substr(prefix.size() + 1);
      if (std::any_of(std::begin(projections::kMilestoneIds), std::end(projections::kMilestoneIds),
                      [&](const char* m) { return id == m; }))
        return true;
    }
  }
  return std::any_of(std::begin(projections::kChildAlertKinds),
                     std::end(projections::kChildAlertKinds),
                     [&](const char* k) { return alert == k; });
}

HttpResponse ErrorResponse(int status, const std::string& message, json errors = json()) {
  json body = {{"error", message}};
  if (!errors.is_null()) body["errors"] = std::move(errors);
  return Json(status, body);
}

json FieldErrorsJson(const Error& e) {
  json out = json::array();
  for (const FieldError& fe : e.details())
    out.push_back({{"field", fe.field}, {"message", fe.message}});
  if (out.empty()) {
    out.push_back(
        {{"field", e.code() == ErrorCode::kConflict ? "event_id" : ""}, {"message", e.message()}});
  }
  return out;
}

// A date query parameter, default today; nullopt (and a 400 in `bad`) when malformed.
std::optional<Date> DateParam(const HttpRequest& r, const char* name, HttpResponse* bad) {
  auto it = r.query.find(name);
  if (it == r.query.end() || it->second.empty()) return TodayUtc();
  auto d = ParseIsoDate(it->second);
  if (!d) {
    *bad = ErrorResponse(
        400, std::string(name) + ": malformed date \"" + it->second + "\" (expected YYYY-MM-DD)");
  }
  return d;
}

std::optional<long> IntParam(const HttpRequest& r, const char* name, long def, long min, long max,
                             HttpResponse* bad) {
  auto it = r.query.find(name);
  if (it == r.query.end() || it->second.empty()) return def;
  char* end = nullptr;
  long v = std::strtol(it->second.c_str(), &end, 10);
  if (*end != '\0' || v < min || v > max) {
    *bad = ErrorResponse(400, std::string(name) + ": must be an integer from " +
                                  std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return v;
}

// The plan and legal status a dashboard row shows: the current period's latest plan and
// the legal status of the episode in force on as_at.
void AddJourneyColumns(json& row, const projections::ChildFacts& facts, Date as_at) {
  projections::Journey journey = projections::BuildJourney(facts, as_at);
  const projections::PeriodOfCare* period = journey.PeriodOpenOn(as_at);
  row["plan"] = nullptr;
  row["legal_status"] = nullptr;
  row["team"] = journey.team_allocations.empty() ? json(nullptr)
                                                 : json(journey.team_allocations.back().value);
  if (!period) return;
  if (!period->plans.empty()) row["plan"] = period->plans.back().value;
  if (const auto* ep = period->EpisodeOn(as_at)) {
    row["legal_status"] = ep->legal_status;
    row["placement_type"] = ep->placement.placement_type;
  }
}

bool Matches(const json& row, const std::string& key, const std::string& wanted) {
  if (wanted.empty()) return true;
  return row.contains(key) && row[key].is_string() && row[key].get<std::string>() == wanted;
}

}  // namespace

ApiHandlers::ApiHandlers(ApiConfig config, ledger::Ledger& ledger, const LiveProjection& view)
    : config_(std::move(config)), ledger_(ledger), view_(view) {}

std::string ApiHandlers::RouteOf(const std::string& path) {
  if (path.rfind("/v1/children/", 0) == 0) return "/v1/children/{id}";
  for (const char* known :
       {"/v1/events", "/v1/trackers", "/v1/scorecard", "/healthz", "/readyz", "/"}) {
    if (path == known) return known;
  }
  if (path.rfind("/assets/", 0) == 0) return "/assets/{file}";
  return "other";
}

HttpResponse ApiHandlers::Handle(const HttpRequest& r) const {
  const std::string route = RouteOf(r.path);
  if (route == "/healthz") return Json(200, {{"status", "ok"}});
  if (route == "/readyz") return Ready();
  if (route == "/" || route == "/assets/{file}") {
    if (r.method != "GET") return ErrorResponse(405, "method not allowed");
    auto asset = FindDashboardAsset(r.path == "/" ? "/index.html" : r.path);
    if (!asset) return ErrorResponse(404, "no such page");
    return {200, std::string(asset->content_type), std::string(asset->body)};
  }
  if (route == "other")
    return ErrorResponse(
        404, "no such endpoint: see /v1/events, /v1/children/{id}, /v1/trackers, /v1/scorecard");

  // Everything under /v1 needs a token.
  const std::string prefix = "Bearer ";
  if (r.authorization.rfind(prefix, 0) != 0) {
    return ErrorResponse(401, "missing bearer token (Authorization: Bearer TOKEN)");
  }
  const std::string token = r.authorization.substr(prefix.size());
  const bool is_write = TokenEquals(token, config_.tokens.write);
  const bool is_read = TokenEquals(token, config_.tokens.read);
  if (!is_write && !is_read) return ErrorResponse(401, "invalid token");

  if (route == "/v1/events") {
    if (r.method != "POST") return ErrorResponse(405, "POST events to /v1/events");
    if (!is_write) return ErrorResponse(403, "posting events needs the write token");
    return PostEvents(r);
  }
  if (r.method != "GET") return ErrorResponse(405, "method not allowed");
  if (!is_read) return ErrorResponse(403, "reading needs the read token");
  if (route == "/v1/children/{id}")
    return GetChild(r, r.path.substr(std::string("/v1/children/").size()));
  if (route == "/v1/trackers") return GetTrackers(r);
  return GetScorecard(r);
}

HttpResponse ApiHandlers::PostEvents(const HttpRequest& r) const {
  json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded()) return ErrorResponse(400, "body is not valid JSON");
  if (!body.is_array()) body = json::array({std::move(body)});
  if (body.empty()) return ErrorResponse(400, "no events in the body");
  if (body.size() > config_.max_events_per_request) {
    return ErrorResponse(
        413, "at most " + std::to_string(config_.max_events_per_request) + " events per request");
  }
  // All or nothing for contract errors: nothing is appended if any event is malformed.
  const Date today = TodayUtc();
  std::vector<events::Event> batch;
  json invalid = json::array();
  for (std::size_t i = 0; i < body.size(); ++i) {
    auto e = events::EventFromJson(body[i], today);
    if (e.ok()) {
      batch.push_back(std::move(*e));
      continue;
    }
    json item = {{"index", i}, {"errors", FieldErrorsJson(e.error())}};
    if (body[i].is_object() && body[i].contains("event_id") && body[i]["event_id"].is_string()) {
      item["event_id"] = body[i]["event_id"];
    }
    invalid.push_back(std::move(item));
  }
  if (!invalid.empty()) return ErrorResponse(400, "invalid events; nothing was appended", invalid);

  auto results = ledger_.AppendBatch(batch);
  json out = json::array();
  int rejected = 0, conflicts = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    json item = {{"index", i}, {"event_id", batch[i].event_id}};
    const auto& res = results[i];
    if (res.ok()) {
      item["position"] = res->position.value();
      item["stream_version"] = res->stream_version.value();
      item["duplicate"] = res->duplicate;
    } else if (res.error().code() == ErrorCode::kInvalidInput ||
               res.error().code() == ErrorCode::kConflict) {
      ++rejected;
      conflicts += res.error().code() == ErrorCode::kConflict;
      item["errors"] = FieldErrorsJson(res.error());
    } else {
      return ErrorResponse(503,
                           "the ledger is unavailable: " + res.error().message() +
                               "; retry (already appended events will be reported as duplicates)");
    }
    out.push_back(std::move(item));
  }
  if (rejected == 0) return Json(201, {{"results", out}});
  const int status = conflicts == rejected ? 409 : 422;
  return Json(status,
              {{"error", std::to_string(rejected) + " of " + std::to_string(results.size()) +
                             " events rejected; the others were appended"},
               {"results", out}});
}

HttpResponse ApiHandlers::GetChild(const HttpRequest& r, const std::string& child_id) const {
  HttpResponse bad;
  auto as_at = DateParam(r, "as_at", &bad);
  if (!as_at) return bad;
  HttpResponse response = ErrorResponse(404, "no such child");
  projections::TrackerSettings settings;
  settings.due_soon_days = config_.due_soon_days;
  view_.Read([&](const projections::AuthorityState& state, LedgerPosition) {
    if (const auto* facts = state.Find(child_id)) {
      response = Json(200, projections::ChildReportJson(*facts, *as_at, settings));
    }
  });
  return response;
}

HttpResponse ApiHandlers::GetTrackers(const HttpRequest& r) const {
  HttpResponse bad;
  auto as_at = DateParam(r, "as_at", &bad);
  if (!as_at) return bad;
  auto limit = IntParam(r, "limit", 100, 1, 1000, &bad);
  if (!limit) return bad;
  auto cursor = IntParam(r, "cursor", 0, 0, 100'000'000, &bad);
  if (!cursor) return bad;
  auto get = [&](const char* k) {
    auto it = r.query.find(k);
    return it == r.query.end() ? std::string() : it->second;
  };
  const std::string alert = get("alert"), status = get("status"), sort = get("sort");
  const std::string plan = get("plan"), legal_status = get("legal_status"), team = get("team");
  if (!sort.empty() && sort != "urgency" && sort != "child_id") {
    return ErrorResponse(400, "sort: must be urgency or child_id");
  }
  if (!status.empty() && !IsMilestoneStatus(status)) {
    return ErrorResponse(400,
                         "status: must be one of done_on_time, done_late, overdue, due_soon, due");
  }
  if (!alert.empty() && !IsAlertFilter(alert)) {
    return ErrorResponse(400,
                         "alert: must be an alert kind (overdue, due_soon, overdue:<milestone>, "
                         "due_soon:<milestone>, third_placement_in_12_months, ...), got \"" +
                             alert + "\"");
  }
  projections::TrackerSettings settings;
  settings.due_soon_days = config_.due_soon_days;
  json rows = json::array();
  LedgerPosition position;
  view_.Read([&](const projections::AuthorityState& state, LedgerPosition at) {
    position = at;
    auto tracked = projections::ComputeTrackers(state, *as_at, settings);
    if (sort == "child_id") {
      std::sort(tracked.begin(), tracked.end(),
                [](const auto& a, const auto& b) { return a.child_id < b.child_id; });
    }
    for (const auto& t : tracked) {
      if (!alert.empty() && std::none_of(t.alerts.begin(), t.alerts.end(), [&](const auto& a) {
            return a.kind == alert || a.kind.rfind(alert + ":", 0) == 0;
          })) {
        continue;
      }
      if (!status.empty() && std::none_of(t.milestones.begin(), t.milestones.end(),
                                          [&](const auto& m) { return m.status == status; })) {
        continue;
      }
      json row = projections::TrackerRowToJson(t);
      AddJourneyColumns(row, *state.Find(t.child_id), *as_at);
      if (!Matches(row, "plan", plan) || !Matches(row, "legal_status", legal_status) ||
          !Matches(row, "team", team)) {
        continue;
      }
      rows.push_back(std::move(row));
    }
  });
  const auto total = static_cast<long>(rows.size());
  json page = json::array();
  for (long i = *cursor; i < total && i < *cursor + *limit; ++i) page.push_back(std::move(rows[i]));
  json out = {{"as_at", FormatIsoDate(*as_at)},
              {"ledger_position", position.value()},
              {"total", total},
              {"children", std::move(page)}};
  out["next_cursor"] =
      *cursor + *limit < total ? json(std::to_string(*cursor + *limit)) : json(nullptr);
  return Json(200, out);
}

HttpResponse ApiHandlers::GetScorecard(const HttpRequest& r) const {
  HttpResponse bad;
  auto as_at = DateParam(r, "as_at", &bad);
  if (!as_at) return bad;
  auto it = r.query.find("profile");
  std::string profile_name = it == r.query.end() || it->second.empty() ? "dfe" : it->second;
  auto profile = projections::ProfileFromName(profile_name);
  if (!profile) return ErrorResponse(400, "profile: must be dfe or count-same-carer");
  json out;
  view_.Read([&](const projections::AuthorityState& state, LedgerPosition) {
    projections::ScorecardSettings settings;
    settings.population_0_17 = config_.population_0_17;
    out = projections::ScorecardToJson(
        projections::ComputeScorecard(state, *as_at, *profile, settings));
  });
  return Json(200, out);
}

HttpResponse ApiHandlers::Ready() const {
  const LedgerPosition head = ledger_.Head();
  const LedgerPosition seen = view_.position();
  json body = {{"ledger_head", head.value()}, {"projection_position", seen.value()}};
  if (std::string err = view_.last_error(); !err.empty()) {
    body["status"] = "not ready";
    body["reason"] = "projection stopped: " + err;
    return Json(503, body);
  }
  if (seen < head) {
    body["status"] = "not ready";
    body["reason"] = "projections are catching up with the ledger";
    return Json(503, body);
  }
  if (config_.ready_check) {
    if (Status s = config_.ready_check(); !s.ok()) {
      body["status"] = "not ready";
      body["reason"] = s.error().message();
      return Json(503, body);
    }
  }
  body["status"] = "ready";
  return Json(200, body);
}

}  // namespace cjl::ops
