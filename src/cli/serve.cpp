// onnxbench serve: the dashboard and JSON API of a store, on civetweb.
#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/store_options.h"
#include "core/error.h"
#include "core/file_io.h"
#include "report/html_report.h"
#include "server/server.h"

namespace onnxbench::cli {
namespace {

struct ServeOptions {
  StoreOption store;
  server::ServerOptions server;
  std::string token_file;
};

std::atomic<bool> stop_requested{false};

// The token is the file's first line; it is never printed.
std::string read_token(const std::string& path) {
  if (path.empty()) return "";
  std::string token = read_file(path, 4096);
  token = token.substr(0, token.find_first_of("\r\n"));
  if (token.size() < 16)
    throw InputError(path + ": the token must be at least 16 characters on the first line");
  return token;
}

void run_serve(ServeOptions o) {
  if (!server::is_loopback(o.server.bind))
    std::cerr << "onnxbench: warning: serving on " << o.server.bind
              << ", reachable from other machines; the API reads need no token\n";
  const std::string token = read_token(o.token_file);
  auto store = open_store_option(o.store);
  server::Api api(*store, token);
  o.server.web_dir = web_dir();
  server::Server http(o.server, api);
  std::cout << "serving " << store->url() << " on http://"
            << (o.server.bind.find(':') != std::string::npos ? "[" + o.server.bind + "]"
                                                             : o.server.bind)
            << ":" << http.port() << "/ (writes "
            << (token.empty() ? "off: no --token-file" : "need the token") << ")" << std::endl;
  std::signal(SIGINT, [](int) { stop_requested = true; });
  std::signal(SIGTERM, [](int) { stop_requested = true; });
  while (!stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::cout << "serve: stopped\n";
}

}  // namespace

void add_serve(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand(
      "serve",
      "Serve the fleet dashboard (live status table, workers, and the report's views of the "
      "store's records) and a JSON API on the store. Binds to loopback unless told otherwise; "
      "writes (submit, priority, reset, cancel) need the token of --token-file.");
  add_store_read_option(*cmd, o->store, "the records and the fleet to serve");
  cmd->add_option("--bind", o->server.bind, "address to listen on (another than loopback warns)")
      ->capture_default_str();
  cmd->add_option("--port", o->server.port, "port (0: any free one, printed)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--token-file", o->token_file,
                  "file whose first line is the token writes need (Authorization: Bearer)");
  cmd->add_option("--threads", o->server.threads, "connections served at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->callback([o] { run_serve(*o); });
}

}  // namespace onnxbench::cli
