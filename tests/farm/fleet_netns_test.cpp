// A multi-host fleet on one machine (scripts/fleet-netns.sh): PostgreSQL in one network
// namespace, two workers in two others, joined by veth links with loopback-range addresses. The
// host submits; the workers drain the queue across the links, fetching models from the store and
// storing int8 models in it for each other.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "support/fleet.h"
#include "support/run_cli.h"
#include "support/store_backends.h"
#include "support/test_paths.h"

namespace onnxbench::testing {
namespace {

using nlohmann::json;

std::string output_of(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  char buf[256];
  while (pipe && std::fgets(buf, sizeof buf, pipe)) out += buf;
  if (pipe) ::pclose(pipe);
  return out;
}

class FleetNetns : public ScratchTest {
 protected:
  void SetUp() override {
    if (::getuid() != 0) GTEST_SKIP() << "ip netns needs root; this test runs as uid " << getuid();
    const std::string probe = "ob" + id_ + "-probe";
    if (std::system(
            ("ip netns add " + probe + " >/dev/null 2>&1 && ip netns del " + probe).c_str()))
      GTEST_SKIP() << "ip netns is not possible here ('ip netns add' failed)";
    dir_ = scratch_dir();
    ready_ = true;
  }
  void TearDown() override {
    if (!ready_) return;
    for (auto& w : workers_) w->kill();
    sh("down");  // even after a failure: no namespace, link or cluster outlives the test
    ScratchTest::TearDown();
  }

  std::string script(const std::string& args) const {
    return "FLEET_ID=" + id_ + " ONNXBENCH=" + build_dir() + "/onnxbench bash " + source_dir() +
           "/scripts/fleet-netns.sh " + args;
  }
  int sh(const std::string& args) const {
    return std::system((script(args) + " >>" + dir_ + "/netns.log 2>&1").c_str());
  }

  // Apart from the fleets of other checkouts testing at the same time.
  const std::string id_ = std::to_string(test_pg_port() % 200 + 20);
  std::string dir_;
  bool ready_ = false;
  std::vector<std::unique_ptr<Subprocess>> workers_;
};

TEST_F(FleetNetns, PostgresAndTwoWorkersInSeparateNamespacesDrainTheQueueOverVeth) {
  ASSERT_EQ(sh("up"), 0) << "see " << dir_ << "/netns.log";
  const std::string url = "postgresql://postgres@127." + id_ + ".3.1:5432/fleet";
  EXPECT_EQ(output_of(script("url host")), url + "\n");
  const auto models = make_models(dir_, 3);
  std::ofstream(dir_ + "/p.json") << R"({"name": "netns", "stages": [
    {"name": "inspect", "command": ["inspect", "{input}", "--json", "-"], "value": "/macs/total"},
    {"name": "quantize", "command": ["quantize", "{input}", "--calib", "random:4", "-o", "{output}"],
     "output": true, "record": "none", "requires": ["engine:onnxruntime"], "priority": 20},
    {"name": "inspect-int8", "command": ["inspect", "{input}", "--json", "-"], "input": "quantize",
     "needs": ["quantize"], "value": "/node_count", "priority": 30}]})";
  const auto r = run_cli("farm submit " + models[0] + " " + models[1] + " " + models[2] +
                         " --pipeline " + dir_ + "/p.json --store " + url);
  ASSERT_EQ(r.exit_code, 0) << r.output;

  // Each worker stops after its share, so both must take part: 9 tasks = 5 + 4.
  for (const auto& [k, share] : {std::pair{1, 5}, std::pair{2, 4}}) {
    ProcessSpec spec;
    spec.argv = {"/bin/sh", "-c",
                 script("worker " + std::to_string(k) + " --max-tasks " + std::to_string(share) +
                        " --poll 0.2 --work-dir " + dir_) +
                     " >>" + dir_ + "/worker-" + std::to_string(k) + ".log 2>&1"};
    workers_.push_back(std::make_unique<Subprocess>(spec));
  }
  for (auto& w : workers_) {
    w->finish(std::chrono::minutes(5));
    EXPECT_EQ(w->exit_description(), "exited with status 0") << "see " << dir_;
  }

  const auto status = run_cli("farm status --json - --store " + url);
  ASSERT_EQ(status.exit_code, 0) << status.output;
  const json table = json::parse(status.output);
  std::map<std::string, int> by_worker;
  ASSERT_EQ(table["models"].size(), 3u);
  for (const auto& m : table["models"])
    for (const auto& [stage, cell] : m["stages"].items()) {
      EXPECT_EQ(cell["state"], "done") << m["name"] << " " << stage << ": " << cell["error"];
      ++by_worker[cell["worker"].get<std::string>()];
    }
  EXPECT_EQ(by_worker, (std::map<std::string, int>{{"fleet-w1", 5}, {"fleet-w2", 4}}));
  std::map<std::string, std::string> hosts;
  for (const auto& w : table["workers"]) hosts[w["name"]] = w["host"];
  EXPECT_EQ(hosts, (std::map<std::string, std::string>{{"fleet-w1", "fleet-w1"},
                                                       {"fleet-w2", "fleet-w2"}}));
  // Models reached each worker over its own link, not over a shared file system.
  const auto model_bytes = std::filesystem::file_size(models[0]);
  for (const char* k : {"1", "2"})
    EXPECT_GT(std::stoull("0" + output_of(script(std::string("bytes ") + k))), model_bytes)
        << "worker " << k;
}

}  // namespace
}  // namespace onnxbench::testing
