// The endpoints of the HTTP API as plain functions of a request: no sockets here, so
// they are tested directly (http_api.cc adapts civetweb to them).
// Thread-safe: handlers read the ledger and the live projection, both thread-safe.
#pragma once

#include <map>
#include <string>

#include "ledger/ledger.h"
#include "ops/http_api.h"
#include "ops/live_projection.h"

namespace cjl::ops {

struct HttpRequest {
  std::string method;  // GET, POST, ...
  std::string path;    // without the query string, percent-decoded
  std::map<std::string, std::string> query;
  std::string body;
  std::string authorization;  // the Authorization header, as sent
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

class ApiHandlers {
 public:
  ApiHandlers(ApiConfig config, ledger::Ledger& ledger, const LiveProjection& view);

  HttpResponse Handle(const HttpRequest& request) const;
  // The route template of a path ("/v1/children/{id}"), for logs and metrics: never the
  // raw path, which may hold a child id.
  static std::string RouteOf(const std::string& path);

 private:
  HttpResponse PostEvents(const HttpRequest& r) const;
  HttpResponse GetChild(const HttpRequest& r, const std::string& child_id) const;
  HttpResponse GetTrackers(const HttpRequest& r) const;
  HttpResponse GetScorecard(const HttpRequest& r) const;
  HttpResponse Ready() const;

  ApiConfig config_;
  ledger::Ledger& ledger_;
  const LiveProjection& view_;
};

}  // namespace cjl::ops
