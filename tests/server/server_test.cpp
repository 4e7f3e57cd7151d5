// onnxbench serve's HTTP server on a real SQLite store, over real sockets: paged JSON reads,
// writes refused without the token, no path outside the assets, size limits, JSON errors, and a
// silent client that does not stop the server answering others.
#include "server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>

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

TEST(Bearer, MatchesOnlyTheExactToken) {
  EXPECT_TRUE(bearer_matches("Bearer " + kToken, kToken));
  EXPECT_FALSE(bearer_matches("bearer " + kToken, kToken));
  EXPECT_FALSE(bearer_matches("Bearer " + kToken + " ", kToken));
  EXPECT_FALSE(bearer_matches("Bearer ", ""));  // no token: no write
  EXPECT_FALSE(bearer_matches("", kToken));
}

}  // namespace
}  // namespace onnxbench::server
