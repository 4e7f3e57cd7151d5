// The HTTP server of `onnxbench serve` on civetweb: the JSON API (api.h) and the dashboard's own
// assets, nothing else. Limits: header block at most 16 KiB, request bodies at most
// max_body_bytes (413 past it; a body without Content-Length is refused), each request must
// arrive within request_timeout_ms, at most `threads` connections are served at once (more
// wait in a short queue), no keep-alive, so a slow or silent client holds one thread for at most
// the timeout and never blocks the others. Assets are read into memory at start and served from a
// fixed table: no request path reaches the file system.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "server/api.h"
#include "server/http.h"

struct mg_context;
struct mg_connection;

namespace onnxbench::server {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (port() tells which)
  int threads = 16;
  int request_timeout_ms = 10000;
  std::size_t max_body_bytes = 1 << 20;
  std::string web_dir;  // the front end (report/html_report.h's web_dir())
};

class Server {
 public:
  // Starts serving; throws Error when the address cannot be bound.
  Server(const ServerOptions& options, Api& api);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const { return port_; }
  // Answers one request (what the civetweb handler calls); public so the routing is testable.
  Response handle(const Request& request);

 private:
  struct Asset {
    std::string content_type, body;
  };
  ServerOptions options_;
  Api& api_;
  std::map<std::string, Asset> assets_;  // URL path -> asset
  mg_context* context_ = nullptr;
  int port_ = 0;

  // civetweb's request handler: reads the request, answers it with handle().
  static int on_request(::mg_connection* conn, void* self);
};

bool is_loopback(const std::string& address);

}  // namespace onnxbench::server
