#include "server/server.h"

#include <civetweb.h>

#include <filesystem>

#include "core/error.h"
#include "core/file_io.h"
#include "report/html_report.h"

namespace onnxbench::server {
namespace {

namespace fs = std::filesystem;

std::string decode(const std::string& s, bool form) {
  std::string out(s.size() + 1, '\0');
  const int n = mg_url_decode(s.c_str(), static_cast<int>(s.size()), out.data(),
                              static_cast<int>(out.size()), form ? 1 : 0);
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  return out;
}

std::map<std::string, std::string> parse_query(const char* q) {
  std::map<std::string, std::string> out;
  if (!q) return out;
  const std::string text(q);
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('&', start), text.size());
    const std::string pair = text.substr(start, end - start);
    const std::size_t eq = pair.find('=');
    if (!pair.empty())
      out[decode(pair.substr(0, eq), true)] =
          eq == std::string::npos ? "" : decode(pair.substr(eq + 1), true);
    start = end + 1;
  }
  return out;
}

void send(mg_connection* conn, const Response& r) {
  mg_response_header_start(conn, r.status);
  mg_response_header_add(conn, "Content-Type", r.content_type.c_str(), -1);
  mg_response_header_add(conn, "Content-Length", std::to_string(r.body.size()).c_str(), -1);
  mg_response_header_add(conn, "Cache-Control", r.cache_control.c_str(), -1);
  mg_response_header_add(conn, "X-Content-Type-Options", "nosniff", -1);
  mg_response_header_add(conn, "X-Frame-Options", "DENY", -1);
  mg_response_header_add(conn, "Connection", "close", -1);
  mg_response_header_send(conn);
  mg_write(conn, r.body.data(), r.body.size());
}

}  // namespace

bool is_loopback(const std::string& a) {
  return a == "localhost" || a == "::1" || a.rfind("127.", 0) == 0;
}

int Server::on_request(mg_connection* conn, void* self) {
  auto& server = *static_cast<Server*>(self);
  const mg_request_info* info = mg_get_request_info(conn);
  Request request;
  request.method = info->request_method ? info->request_method : "";
  request.path = info->local_uri_raw ? info->local_uri_raw : "";
  request.query = parse_query(info->query_string);
  if (const char* auth = mg_get_header(conn, "Authorization")) request.authorization = auth;
  if (request.method == "POST" || request.method == "PUT") {
    if (info->content_length < 0) {
      send(conn, json_error(411, "a request body needs a Content-Length"));
      return 411;
    }
    if (static_cast<unsigned long long>(info->content_length) > server.options_.max_body_bytes) {
      send(conn, json_error(413, "request body over " +
                                     std::to_string(server.options_.max_body_bytes) + " bytes"));
      return 413;
    }
    request.body.resize(static_cast<std::size_t>(info->content_length));
    std::size_t got = 0;
    while (got < request.body.size()) {
      const int n = mg_read(conn, request.body.data() + got, request.body.size() - got);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got < request.body.size()) {
      send(conn, json_error(400, "request body shorter than its Content-Length"));
      return 400;
    }
  }
  const Response response = server.handle(request);
  send(conn, response);
  return response.status;
}

Server::Server(const ServerOptions& options, Api& api) : options_(options), api_(api) {
  const fs::path web(options.web_dir);
  assets_["/"] = {"text/html; charset=utf-8", dashboard_html(options.web_dir)};
  assets_["/assets/echarts.min.js"] = {
      "text/javascript", read_file((web / "node_modules/echarts/dist/echarts.min.js").string())};
  assets_["/assets/style.css"] = {"text/css", read_file((web / "src/style.css").string())};
  for (const auto& e : fs::directory_iterator(web / "src"))
    if (e.path().extension() == ".js")
      assets_["/assets/" + e.path().filename().string()] = {"text/javascript",
                                                            read_file(e.path().string())};

  const std::string ports =
      (options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind) +
      ":" + std::to_string(options.port);
  const std::string threads = std::to_string(options.threads);
  const std::string timeout = std::to_string(options.request_timeout_ms);
  const char* mg_options[] = {"listening_ports",
                              ports.c_str(),
                              "num_threads",
                              threads.c_str(),
                              "request_timeout_ms",
                              timeout.c_str(),
                              "max_request_size",
                              "16384",
                              "enable_keep_alive",
                              "no",
                              "connection_queue",
                              "32",
                              "linger_timeout_ms",
                              "1000",
                              nullptr};
  mg_callbacks callbacks{};
  callbacks.log_message = [](const mg_connection*, const char*) {
    return 1;
  };  // no request data in logs
  context_ = mg_start(&callbacks, this, mg_options);
  if (!context_)
    throw Error("serve: cannot listen on " + ports + " (in use, or not an address here)");
  mg_set_request_handler(context_, "/", on_request, this);
  mg_server_port bound[4];
  if (mg_get_server_ports(context_, 4, bound) > 0) port_ = bound[0].port;
}

Server::~Server() {
  if (context_) mg_stop(context_);
}

Response Server::handle(const Request& request) {
  if (request.path.rfind("/api/", 0) == 0) return api_.handle(request);
  if (request.method != "GET" && request.method != "HEAD")
    return json_error(405, request.method + ": the dashboard's pages are read only");
  const auto it = assets_.find(request.path == "/index.html" ? "/" : request.path);
  if (it == assets_.end()) return json_error(404, "not found");
  return {200, it->second.content_type, it->second.body, "no-cache"};
}

}  // namespace onnxbench::server
