// onnxbench serve's HTTP server on a real SQLite store, over real sockets: paged JSON reads,
// queue positions and time in state, writes refused without the token, no path outside the
// assets, size limits, JSON errors, and silent, slow or many clients that do not stop the server
// answering others.
#include "server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/file_io.h"
#include "report/html_report.h"
#include "store/store.h"
#include "support/test_paths.h"

namespace onnxbench::server {
namespace {

using nlohmann::json;

const std::string kToken = "0123456789abcdef-test-token";

struct Reply {
  int status = 0;
  std::string body;
};

int connect_to(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends `raw` as it is and reads the reply to the end (the server closes every connection).
Reply http_exchange(int port, const std::string& raw) {
  const int fd = connect_to(port);
  if (fd < 0) return {};
  ::send(fd, raw.data(), raw.size(), MSG_NOSIGNAL);
  std::string text;
  char buf[65536];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;)
    text.append(buf, static_cast<std::size_t>(n));
  close(fd);
  Reply r;
  if (text.rfind("HTTP/1.", 0) == 0) r.status = std::stoi(text.substr(9, 3));
  const auto end = text.find("\r\n\r\n");
  if (end != std::string::npos) r.body = text.substr(end + 4);
  return r;
}

Reply get(int port, const std::string& path) {
  return http_exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
}

Reply post(int port, const std::string& path, const std::string& body, const std::string& auth) {
  return http_exchange(port, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" +
                                 (auth.empty() ? "" : "Authorization: " + auth + "\r\n") +
                                 "Content-Type: application/json\r\nContent-Length: " +
                                 std::to_string(body.size()) + "\r\n\r\n" + body);
}

const char* const kSubmit = R"({"model": {"sha256": "aa11", "name": "net.onnx", "pipeline": "p"},
  "tasks": [{"stage": "convert", "priority": 20},
            {"stage": "bench", "priority": 30, "needs": ["convert"]}]})";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_store(testing::scratch_dir() + "/store.db");
    api_ = std::make_unique<Api>(*store_, kToken);
    ServerOptions o;
    o.port = 0;
    o.threads = 4;
    o.request_timeout_ms = 800;
    o.max_body_bytes = 4096;
    o.web_dir = web_dir();
    server_ = std::make_unique<Server>(o, *api_);
    port_ = server_->port();
    ASSERT_GT(port_, 0);
  }
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
};

TEST_F(ServerTest, ReadsAreFilteredAndPagedJson) {
  ASSERT_EQ(post(port_, "/api/submit", kSubmit, "Bearer " + kToken).status, 201);
  const Reply models = get(port_, "/api/models?q=net");
  ASSERT_EQ(models.status, 200);
  EXPECT_EQ(json::parse(models.body)["total"], 1);
  const json tasks = json::parse(get(port_, "/api/tasks?limit=1").body);
  EXPECT_EQ(tasks["total"], 2);
  EXPECT_EQ(tasks["items"].size(), 1u);
  const json bench = json::parse(get(port_, "/api/tasks?stage=bench").body);
  ASSERT_EQ(bench["items"].size(), 1u);
  EXPECT_EQ(bench["items"][0]["state"], "queued");
  const json summary = json::parse(get(port_, "/api/summary").body);
  EXPECT_EQ(summary["models"], 1);
  EXPECT_EQ(summary["store"], "sqlite");
  const Reply bad = get(port_, "/api/tasks?limit=many");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["error"], "limit: expected a whole number, got 'many'");
}

// ?model= takes the name the model was submitted under, as the CLI does, or a sha256 prefix; the
// records come back under that name.
TEST_F(ServerTest, AModelIsFoundByItsSubmittedNameOrItsSha256) {
  ASSERT_EQ(post(port_, "/api/submit", kSubmit, "Bearer " + kToken).status, 201);
  store::RecordKey key;
  key.model_sha256 = "aa11";
  key.kind = "bench";
  store_->add_record(
      key, {{"kind", "bench"}, {"model", {{"path", "/w/input-aa11.onnx"}, {"sha256", "aa11"}}}});
  for (const char* model : {"net.onnx", "aa1"}) {
    const json tasks = json::parse(get(port_, std::string("/api/tasks?model=") + model).body);
    EXPECT_EQ(tasks["total"], 2) << model;
    const json records = json::parse(get(port_, std::string("/api/records?model=") + model).body);
    ASSERT_EQ(records["items"].size(), 1u) << model << ": " << records.dump();
    EXPECT_EQ(records["items"][0]["body"]["model"]["name"], "net.onnx") << records.dump();
  }
  EXPECT_EQ(json::parse(get(port_, "/api/records?model=other.onnx").body)["items"].size(), 0u);
}

TEST_F(ServerTest, WritesNeedTheToken) {
  EXPECT_EQ(post(port_, "/api/submit", kSubmit, "").status, 401);
  EXPECT_EQ(post(port_, "/api/submit", kSubmit, "Bearer " + kToken + "x").status, 401);
  EXPECT_EQ(post(port_, "/api/submit", kSubmit, "Bearer " + kToken.substr(1)).status, 401);
  EXPECT_EQ(json::parse(get(port_, "/api/models").body)["total"], 0);  // nothing was written
  ASSERT_EQ(post(port_, "/api/submit", kSubmit, "Bearer " + kToken).status, 201);
  const Reply refused = post(port_, "/api/models/aa11/cancel", "", "");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(json::parse(refused.body)["status"], 401);
  EXPECT_EQ(
      post(port_, "/api/models/aa11/priority", R"({"priority": 0})", "Bearer " + kToken).status,
      200);
  EXPECT_EQ(json::parse(get(port_, "/api/models").body)["items"][0]["priority_override"], 0);
  const Reply cancelled = post(port_, "/api/models/aa11/cancel", "", "Bearer " + kToken);
  EXPECT_EQ(json::parse(cancelled.body)["cancelled"], 2);
  EXPECT_EQ(post(port_, "/api/models/ffff/reset", "", "Bearer " + kToken).status, 404);
}

TEST_F(ServerTest, NoPathLeavesTheAssets) {
  const std::string app = read_file(web_dir() + "/src/app.js");
  const Reply served = get(port_, "/assets/app.js");
  EXPECT_EQ(served.status, 200);
  EXPECT_EQ(served.body, app);
  EXPECT_NE(get(port_, "/").body.find("/assets/echarts.min.js"), std::string::npos);
  for (const char* path :
       {"/../CMakeLists.txt", "/assets/../../CMakeLists.txt",
        "/assets/%2e%2e/%2e%2e/CMakeLists.txt", "/assets/..%2f..%2fREADME.md", "/etc/passwd",
        "/assets//etc/passwd", "/web/src/app.js", "/assets/../index.html"}) {
    const Reply r = get(port_, path);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << path << ": " << r.status;
    EXPECT_EQ(r.body.find("cmake_minimum_required"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << path;
  }
}

TEST_F(ServerTest, LimitsAndErrorsAreJsonWithTheirStatus) {
  const Reply big = post(port_, "/api/submit", std::string(5000, ' '), "Bearer " + kToken);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(json::parse(big.body)["status"], 413);
  const Reply no_length =
      http_exchange(port_, "POST /api/submit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                               kToken + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(no_length.status, 411);
  const Reply unknown = get(port_, "/api/nothing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(json::parse(unknown.body)["error"], "/api/nothing: no such API resource");
  const Reply broken = post(port_, "/api/submit", "{", "Bearer " + kToken);
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(json::parse(broken.body)["error"], "request body: expected a JSON object");
  const Reply headers = http_exchange(port_, "GET /api/summary HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                                 std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_NE(headers.status, 200);
  const Reply put = http_exchange(port_,
                                  "PUT /api/submit HTTP/1.1\r\nHost: x\r\n"
                                  "Content-Length: 2\r\n\r\n{}");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(json::parse(put.body)["status"], 405);
  const Reply action = post(port_, "/api/models/aa11/explode", "", "Bearer " + kToken);
  EXPECT_EQ(action.status, 404);
  EXPECT_EQ(json::parse(action.body)["status"], 404);
}

TEST_F(ServerTest, SilentClientsDoNotStopOthersBeingServed) {
  std::vector<int> silent;
  for (int i = 0; i < 6; ++i) silent.push_back(connect_to(port_));  // more than the 4 threads
  const auto start = std::chrono::steady_clock::now();
  const Reply r = get(port_, "/api/summary");
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.status, 200);
  EXPECT_LT(s, 5.0);  // the silent ones are dropped after the 0.8 s request timeout
  for (int fd : silent) close(fd);
}

store::Task task(const std::string& stage, int priority, std::vector<std::string> needs = {}) {
  store::Task t;
  t.stage = stage;
  t.priority = priority;
  t.needs = needs;
  t.spec = {{"command", {"inspect", "{input}"}}, {"needs", needs}, {"requires", json::array()}};
  return t;
}

// model/stage of the queued tasks, by the queue position the API gives.
std::vector<std::string> queue_by_position(const json& tasks) {
  std::vector<std::pair<int, std::string>> queued;
  for (const auto& t : tasks["items"])
    if (!t["queue_position"].is_null())
      queued.emplace_back(t["queue_position"].get<int>(),
                          t["model"].get<std::string>() + "/" + t["stage"].get<std::string>());
  std::sort(queued.begin(), queued.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < queued.size(); ++i) {
    EXPECT_EQ(queued[i].first, static_cast<int>(i + 1));  // 1, 2, 3, ... without gaps
    out.push_back(queued[i].second);
  }
  return out;
}

TEST_F(ServerTest, QueuePositionIsTheOrderWorkersClaimIn) {
  store_->submit({"aa11", "first", "p", std::nullopt, "2026-12-01T00:00:00Z"},
                 {task("inspect", 20), task("bench", 30, {"inspect"})});
  store_->submit({"bb22", "second", "p", std::nullopt, "2026-12-01T00:00:01Z"},
                 {task("inspect", 20), task("bench", 30, {"inspect"})});
  store_->set_priority_override("bb22", 0);
  store::Worker w;
  w.name = "w";
  w.host = "h";
  store_->register_worker(w);

  json tasks = json::parse(get(port_, "/api/tasks").body);
  EXPECT_EQ(queue_by_position(tasks), (std::vector<std::string>{"second/inspect", "second/bench",
                                                                "first/inspect", "first/bench"}));
  for (const auto& t : tasks["items"]) {
    if (t["stage"] == "bench") {
      EXPECT_EQ(t["waiting_for"], json::array({"inspect"}));
    }
  }
  // Each claim takes the runnable task nearest the front: the positions are what workers do.
  for (const std::string expected : {"second/inspect", "second/bench", "first/inspect"}) {
    const auto claimed = store_->claim("w", 60);
    ASSERT_TRUE(claimed);
    const json items = json::parse(get(port_, "/api/tasks").body)["items"];
    for (const auto& t : items)
      if (t["id"] == claimed->id) {
        EXPECT_EQ(t["model"].get<std::string>() + "/" + t["stage"].get<std::string>(), expected);
        EXPECT_EQ(t["state"], "running");
        EXPECT_TRUE(t["queue_position"].is_null());
      }
    ASSERT_TRUE(store_->complete({claimed->id, claimed->epoch}, {}, {}, json(), ""));
  }
  tasks = json::parse(get(port_, "/api/tasks").body);
  EXPECT_EQ(queue_by_position(tasks), std::vector<std::string>{"first/bench"});
  for (const auto& t : tasks["items"]) EXPECT_EQ(t["waiting_for"], json::array());
}

TEST_F(ServerTest, TimeInStateRestartsAtEachChangeOfState) {
  store_->submit({"aa11", "net", "p", std::nullopt, "2026-12-01T00:00:00Z"}, {task("inspect", 20)});
  const auto in_state = [&] { return json::parse(get(port_, "/api/tasks").body)["items"][0]; };
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  const json queued = in_state();
  EXPECT_EQ(queued["state"], "queued");
  EXPECT_GE(queued["seconds_in_state"].get<double>(), 1.1);
  EXPECT_LT(queued["seconds_in_state"].get<double>(), 60);
  EXPECT_EQ(queued["state_since"].get<std::string>().size(), 20u);  // 2026-12-01T12:00:00Z
  store::Worker w;
  w.name = "w";
  w.host = "h";
  store_->register_worker(w);
  const auto claimed = store_->claim("w", 60);
  ASSERT_TRUE(claimed);
  const json running = in_state();
  EXPECT_EQ(running["state"], "running");
  EXPECT_LT(running["seconds_in_state"].get<double>(), 1.0);
  EXPECT_GE(running["state_since"].get<std::string>(), queued["state_since"].get<std::string>());
  const json workers = json::parse(get(port_, "/api/workers").body);
  EXPECT_EQ(workers["items"][0]["running"]["stage"], "inspect");
  EXPECT_EQ(workers["items"][0]["running"]["model"], "net");
  ASSERT_TRUE(store_->heartbeat({claimed->id, claimed->epoch}, 60));  // no change of state
  EXPECT_EQ(in_state()["state_since"], running["state_since"]);
}

TEST_F(ServerTest, DevicesShowStateCurrentTaskTemperatureAndFailures) {
  store::Device board;
  board.name = "rb5";
  board.url = "ssh://bench@rb5";
  board.dimensions = {{"soc", {"qcs8250"}}};
  store_->add_device(board);
  store::Task bench = task("bench", 30);
  bench.measures = true;
  bench.spec["measures"] = true;
  store_->submit({"aa11", "net", "p", std::nullopt, "2026-12-01T00:00:00Z"}, {bench});
  store::Worker w;
  w.name = "w";
  w.host = "h";
  w.devices = {"rb5"};
  store_->register_worker(w);
  const auto claimed = store_->claim("w", 60);
  ASSERT_TRUE(claimed);
  json d = json::parse(get(port_, "/api/devices").body)["items"][0];
  EXPECT_EQ(d["name"], "rb5");
  EXPECT_EQ(d["state"], "busy");
  EXPECT_EQ(d["lease"]["stage"], "bench");
  EXPECT_EQ(d["lease"]["worker"], "w");
  EXPECT_EQ(d["dimensions"]["soc"], json::array({"qcs8250"}));
  EXPECT_EQ(json::parse(get(port_, "/api/workers").body)["items"][0]["devices"],
            json::array({"rb5"}));
  ASSERT_TRUE(store_->device_attempt_ended({claimed->id, claimed->epoch}, {false, 5, 63.5}));
  ASSERT_TRUE(store_->fail({claimed->id, claimed->epoch}, "device went away", ""));
  d = json::parse(get(port_, "/api/devices").body)["items"][0];
  EXPECT_EQ(d["state"], "idle");
  EXPECT_TRUE(d["lease"].is_null());
  EXPECT_EQ(d["temperature_c"], 63.5);
  EXPECT_EQ(d["consecutive_failures"], 1);
}

// Slowloris: clients that send their headers a byte at a time, never finishing, on more
// connections than the server has threads. Each is cut at the request timeout, and others are
// served meanwhile. Loopback only, bounded to a few seconds.
TEST_F(ServerTest, SlowClientsAreCutAtTheTimeoutAndOthersAreServed) {
  std::atomic<bool> stop{false};
  std::vector<std::thread> slow;
  std::vector<double> cut_after(6, -1);
  for (std::size_t i = 0; i < cut_after.size(); ++i)
    slow.emplace_back([&, i] {
      const int fd = connect_to(port_);
      if (fd < 0) return;
      const auto start = std::chrono::steady_clock::now();
      const std::string trickle =
          "GET /api/summary HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(4000, 'a');
      for (char c : trickle) {
        if (stop || ::send(fd, &c, 1, MSG_NOSIGNAL) != 1) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      char buf[256];
      while (recv(fd, buf, sizeof buf, 0) > 0) {
      }
      cut_after[i] =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      close(fd);
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get(port_, "/api/summary").status, 200);
  const double served =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(served, 5.0);
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  stop = true;
  for (auto& t : slow) t.join();
  for (double s : cut_after) EXPECT_LT(s, 3.0) << "a slow client held its connection " << s << " s";
}

TEST_F(ServerTest, ManyClientsAtOnceAreAllAnswered) {
  std::vector<std::thread> clients;
  std::vector<int> status(40, 0);
  for (std::size_t i = 0; i < status.size(); ++i)
    clients.emplace_back([&, i] { status[i] = get(port_, "/api/summary").status; });
  for (auto& t : clients) t.join();
  for (int s : status) EXPECT_EQ(s, 200);
}

TEST(Bearer, MatchesOnlyTheExactToken) {
  EXPECT_TRUE(bearer_matches("Bearer " + kToken, kToken));
  EXPECT_FALSE(bearer_matches("bearer " + kToken, kToken));
  EXPECT_FALSE(bearer_matches("Bearer " + kToken + " ", kToken));
  EXPECT_FALSE(bearer_matches("Bearer ", ""));  // no token: no write
  EXPECT_FALSE(bearer_matches("", kToken));
}

}  // namespace
}  // namespace onnxbench::server
