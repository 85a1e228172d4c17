// civetweb adapter for ApiHandlers: one catch-all handler reads the request (with the
// body size limit), calls ApiHandlers::Handle and writes the response.
#include "ops/http_api.h"

#include <CivetServer.h>
#include <spdlog/spdlog.h>

#include "ops/api_handlers.h"

namespace cjl::ops {
namespace {

std::string UrlDecode(const std::string& s) {
  std::string out(s.size() + 1, '\0');
  int n = mg_url_decode(s.data(), static_cast<int>(s.size()), out.data(),
                        static_cast<int>(out.size()), /*is_form_url_encoded=*/1);
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  return out;
}

std::map<std::string, std::string> ParseQuery(const char* query) {
  std::map<std::string, std::string> out;
  if (query == nullptr) return out;
  std::string q(query);
  std::size_t start = 0;
  while (start <= q.size()) {
    std::size_t end = q.find('&', start);
    if (end == std::string::npos) end = q.size();
    std::string pair = q.substr(start, end - start);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      out[UrlDecode(pair.substr(0, eq))] =
          eq == std::string::npos ? "" : UrlDecode(pair.substr(eq + 1));
    }
    start = end + 1;
  }
  return out;
}

const char* StatusText(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Entity";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

class Router : public CivetHandler {
 public:
  Router(const ApiConfig& config, ApiHandlers handlers)
      : config_(config), handlers_(std::move(handlers)) {}

  bool handleGet(CivetServer*, mg_connection* c) override { return Serve(c, "GET"); }
  bool handlePost(CivetServer*, mg_connection* c) override { return Serve(c, "POST"); }
  bool handlePut(CivetServer*, mg_connection* c) override { return Serve(c, "PUT"); }
  bool handleDelete(CivetServer*, mg_connection* c) override { return Serve(c, "DELETE"); }
  bool handlePatch(CivetServer*, mg_connection* c) override { return Serve(c, "PATCH"); }

 private:
  bool Serve(mg_connection* conn, const char* method) {
    const mg_request_info* info = mg_get_request_info(conn);
    HttpRequest request;
    request.method = method;
    request.path = info->local_uri ? info->local_uri : "/";
    request.query = ParseQuery(info->query_string);
    if (const char* auth = mg_get_header(conn, "Authorization")) request.authorization = auth;

    HttpResponse response;
    if (info->content_length > static_cast<long long>(config_.max_body_bytes)) {
      response = {413, "application/json",
                  R"({"error":"body larger than )" + std::to_string(config_.max_body_bytes) +
                      R"( bytes"})"};
    } else if (!ReadBody(conn, request.body)) {
      response = {413, "application/json",
                  R"({"error":"body larger than )" + std::to_string(config_.max_body_bytes) +
                      R"( bytes"})"};
    } else {
      try {
        response = handlers_.Handle(request);
      } catch (const std::exception& e) {
        // A bug, not user input: answer 500 and log without request data.
        spdlog::error("http {} {}: internal error: {}", method, ApiHandlers::RouteOf(request.path),
                      e.what());
        response = {500, "application/json", R"({"error":"internal error"})"};
      }
    }
    Write(conn, response);
    if (config_.on_request)
      config_.on_request(method, ApiHandlers::RouteOf(request.path), response.status);
    return true;
  }

  // Reads the body up to the limit; false when it is longer (chunked bodies included).
  bool ReadBody(mg_connection* conn, std::string& body) {
    char buf[16384];
    for (;;) {
      int n = mg_read(conn, buf, sizeof buf);
      if (n <= 0) return true;
      body.append(buf, static_cast<std::size_t>(n));
      if (body.size() > config_.max_body_bytes) return false;
    }
  }

  static void Write(mg_connection* conn, const HttpResponse& r) {
    mg_printf(conn,
              "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
              "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n",
              r.status, StatusText(r.status), r.content_type.c_str(), r.body.size());
    mg_write(conn, r.body.data(), r.body.size());
  }

  const ApiConfig& config_;
  ApiHandlers handlers_;
};

class CivetApiServer final : public ApiServer {
 public:
  CivetApiServer(const ApiConfig& config, ledger::Ledger& ledger, const LiveProjection& view)
      : config_(config), router_(config_, ApiHandlers(config, ledger, view)) {}

  Status Start() {
    std::vector<std::string> options = {
        "listening_ports",    config_.listen, "num_threads",       std::to_string(config_.threads),
        "request_timeout_ms", "30000",        "enable_keep_alive", "yes",
    };
    try {
      server_ = std::make_unique<CivetServer>(options);
    } catch (const std::exception& e) {
      return Error(ErrorCode::kUnavailable, "cannot listen on " + config_.listen + ": " + e.what());
    }
    server_->addHandler("**", router_);
    auto ports = server_->getListeningPorts();
    if (ports.empty())
      return Error(ErrorCode::kUnavailable, "no listening port for " + config_.listen);
    std::string host = config_.listen.substr(0, config_.listen.rfind(':'));
    if (host.empty() || host == config_.listen) host = "127.0.0.1";
    url_ = "http://" + host + ":" + std::to_string(ports.front());
    return Status::Ok();
  }

  ~CivetApiServer() override {
    if (server_) server_->close();
  }

  std::string url() const override { return url_; }

 private:
  ApiConfig config_;
  Router router_;
  std::unique_ptr<CivetServer> server_;
  std::string url_;
};

}  // namespace

Result<std::unique_ptr<ApiServer>> ApiServer::Start(const ApiConfig& config, ledger::Ledger& ledger,
                                                    const LiveProjection& view) {
  auto server = std::make_unique<CivetApiServer>(config, ledger, view);
  if (Status s = server->Start(); !s.ok()) return s.error();
  return std::unique_ptr<ApiServer>(std::move(server));
}

}  // namespace cjl::ops
