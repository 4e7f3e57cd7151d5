// Two workers on one host share its `local` device: no two bench stages measure at once (their
// records' start and end times say so) while inspect and quantize run beside them; each task is
// done once, and every bench record carries the device's hygiene readings.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "core/file_io.h"
#include "store/store.h"
#include "support/fleet.h"
#include "support/run_cli.h"
#include "support/store_backends.h"
#include "support/test_paths.h"
#include "support/test_sshd.h"

namespace onnxbench::testing {
namespace {

using nlohmann::json;

class FleetDevicesTest : public BackendTest {};

// Benches first (they wait for the device), then inspect and quantize, which need none.
std::string write_shared_device_pipeline(const std::string& dir) {
  const std::string path = dir + "/shared.json";
  std::ofstream(path) << R"({"name": "shared", "stages": [
    {"name": "bench", "command": ["bench", "{input}", "--engine", "opencv", "--duration", "0.5",
     "--json", "{record}"], "value": "/throughput_per_s", "priority": 10},
    {"name": "inspect", "command": ["inspect", "{input}", "--json", "-"], "priority": 20},
    {"name": "quantize", "command": ["quantize", "{input}", "--calib", "random:4", "-o",
     "{output}"], "output": true, "record": "none", "priority": 20}]})";
  return path;
}

struct Window {
  std::string stage;
  std::int64_t start_ms, end_ms;
};

bool overlap(const Window& a, const Window& b) {
  return a.start_ms < b.end_ms && b.start_ms < a.end_ms;
}

TEST_P(FleetDevicesTest, TwoWorkersShareLocalWithoutMeasuringAtOnce) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 3);
  std::string args =
      "farm submit --pipeline " + write_shared_device_pipeline(dir) + " --store '" + url_ + "'";
  for (const auto& m : models) args += " " + m;
  const auto submitted = run_cli(args);
  ASSERT_EQ(submitted.exit_code, 0) << submitted.output;
  const std::string log = dir + "/workers.log";
  auto w1 = start_worker(url_, "w1", log, "--device local");
  auto w2 = start_worker(url_, "w2", log);  // local by default
  auto s = store::open_store(url_);
  EXPECT_TRUE(wait_until_drained(*s, 240)) << "the fleet did not finish; see " << log;
  w1->kill();
  w2->kill();

  // farm workers, farm status and its JSON show each device: state, task, temperature, failures.
  for (const char* command : {"farm workers", "farm status"}) {
    const auto shown = run_cli(std::string(command) + " --store '" + url_ + "'");
    ASSERT_EQ(shown.exit_code, 0) << shown.output;
    for (const char* part : {"device", "state", "temp_c", "failures", "local", "idle"})
      EXPECT_NE(shown.output.find(part), std::string::npos) << command << ": " << shown.output;
  }
  const json status = json::parse(run_cli("farm status --json - --store '" + url_ + "'").output);
  ASSERT_EQ(status.at("devices").size(), 1u);
  EXPECT_EQ(status["devices"][0].at("name"), "local");
  EXPECT_EQ(status["devices"][0].at("consecutive_failures"), 0);
  EXPECT_EQ(status.at("workers")[0].at("devices"), json({"local"}));

  // Each task done once; the benches held `local`.
  const auto tasks = s->tasks("");
  ASSERT_EQ(tasks.size(), 9u);
  std::map<std::int64_t, int> records_per_task;
  std::vector<Window> benches;
  for (const auto& r : s->records({})) {
    ASSERT_TRUE(r.task_id);
    ++records_per_task[*r.task_id];
    if (r.key.kind != "bench") continue;
    const json& fleet = r.body.at("fleet");
    benches.push_back({"bench", fleet.at("started_ms"), fleet.at("ended_ms")});
    // The governor and thermal readings before and after (empty where the host has none).
    const json& hygiene = r.body.at("hygiene");
    for (const char* when : {"before", "after"}) {
      ASSERT_TRUE(hygiene.at(when).contains("governor")) << hygiene.dump();
      ASSERT_TRUE(hygiene.at(when).at("thermal_c").is_object()) << hygiene.dump();
    }
  }
  for (const auto& t : tasks) {
    EXPECT_EQ(t.state, "done") << t.stage << ": " << t.last_error;
    EXPECT_EQ(records_per_task[t.id], t.stage == "quantize" ? 0 : 1) << t.stage;
    EXPECT_EQ(t.measures, t.stage == "bench") << t.stage;
  }
  ASSERT_EQ(benches.size(), 3u);
  for (std::size_t i = 0; i < benches.size(); ++i)
    for (std::size_t j = i + 1; j < benches.size(); ++j)
      EXPECT_FALSE(overlap(benches[i], benches[j]))
          << "benches " << i << " and " << j << " measured at once: [" << benches[i].start_ms
          << ", " << benches[i].end_ms << ") and [" << benches[j].start_ms << ", "
          << benches[j].end_ms << ")";
  // The stages that measure nothing ran beside others: from its claim to its completion, some
  // inspect or quantize overlapped another task (two workers, six such tasks of seconds each).
  std::vector<Window> claimed;
  for (const auto& t : tasks) claimed.push_back({t.stage, t.claimed_ms, t.state_since_ms});
  int beside = 0;
  for (std::size_t i = 0; i < claimed.size(); ++i)
    for (std::size_t j = 0; j < claimed.size(); ++j)
      if (i != j && claimed[i].stage != "bench" && overlap(claimed[i], claimed[j])) ++beside;
  EXPECT_GT(beside, 0) << "no inspect or quantize ran beside another stage; see " << log;
}

// A device that does not answer (nothing listens on its ssh port): each bench attempt on it fails
// with a transport error naming it, goes back to the queue and leaves no record; after
// --quarantine-after failures in a row the device is quarantined and nothing more is claimed on
// it; the worker lives on (it runs the inspect beside) and exits when idle; devices reset takes
// the device back.
TEST_P(FleetDevicesTest, AnUnreachableDeviceFailsItsAttemptsThenIsQuarantinedAndTheWorkerLives) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 1);
  const std::string store = " --store '" + url_ + "'";
  ASSERT_EQ(run_cli("devices add gone ssh://bench@127.0.0.1:1" + store).exit_code, 0);
  const std::string pipeline = dir + "/gone.json";
  std::ofstream(pipeline) << R"({"name": "gone", "stages": [
    {"name": "bench", "command": ["bench", "{input}", "--engine", "opencv", "--duration", "0.5",
     "--json", "{record}"], "max_attempts": 10},
    {"name": "inspect", "command": ["inspect", "{input}", "--json", "-"], "priority": 60}]})";
  ASSERT_EQ(run_cli("farm submit --pipeline " + pipeline + " " + models[0] + store).exit_code, 0);
  const std::string log = dir + "/worker.log";
  // ssh's control socket lives in the worker's folder, whose path must stay short.
  char work[] = "/tmp/onnxbench-fleet-XXXXXX";
  ASSERT_NE(::mkdtemp(work), nullptr);
  const auto worker = run_cli(
      "farm worker --name w --device gone --quarantine-after 2 --idle-exit 1 --poll 0.2 "
      "--lease 5 --work-dir " +
      std::string(work) + store + " 2>>" + log);
  std::filesystem::remove_all(work);
  EXPECT_EQ(worker.exit_code, 0) << worker.output;

  auto s = store::open_store(url_);
  std::map<std::string, store::Task> by_stage;
  for (const auto& t : s->tasks("")) by_stage[t.stage] = t;
  EXPECT_EQ(by_stage.at("inspect").state, "done");
  const auto& bench = by_stage.at("bench");
  EXPECT_EQ(bench.state, "queued");
  EXPECT_EQ(bench.attempts, 2);
  EXPECT_NE(bench.last_error.find("gone"), std::string::npos) << bench.last_error;
  store::RecordQuery benches;
  benches.kind = "bench";
  EXPECT_TRUE(s->records(benches).empty());
  const auto gone = s->find_device("gone");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->state, "quarantined");
  EXPECT_EQ(gone->consecutive_failures, 2);

  const auto reset = run_cli("devices reset gone" + store);
  EXPECT_EQ(reset.exit_code, 0) << reset.output;
  EXPECT_EQ(s->find_device("gone")->state, "idle");
}

// The processes below `pid`, by their parent ids in /proc.
std::vector<pid_t> descendants(pid_t pid) {
  std::map<pid_t, std::vector<pid_t>> children;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line) || line.rfind(')') == std::string::npos) continue;
    std::istringstream rest(line.substr(line.rfind(')') + 2));
    char state;
    pid_t parent;
    if (rest >> state >> parent) children[parent].push_back(std::stoi(name));
  }
  std::vector<pid_t> out, todo = {pid};
  while (!todo.empty()) {
    const pid_t p = todo.back();
    todo.pop_back();
    for (pid_t c : children[p]) out.push_back(c), todo.push_back(c);
  }
  return out;
}

std::string command_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
  std::string first;
  std::getline(in, first, '\0');
  return first;
}

// The measuring process dies mid-run (its runner killed, as when the device goes away): that
// attempt fails and leaves no record, the task goes back to the queue and is done once by the same
// worker, which lives on; the device's failure is cleared by the success.
TEST_P(FleetDevicesTest, AMeasurementCutMidRunIsRequeuedAndCountedOnce) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 1);
  const std::string pipeline = dir + "/cut.json";
  std::ofstream(pipeline) << R"({"name": "cut", "stages": [
    {"name": "bench", "command": ["bench", "{input}", "--engine", "opencv", "--duration", "4",
     "--json", "{record}"], "value": "/throughput_per_s"}]})";
  const std::string store = " --store '" + url_ + "'";
  ASSERT_EQ(run_cli("farm submit --pipeline " + pipeline + " " + models[0] + store).exit_code, 0);
  const std::string log = dir + "/worker.log";
  auto worker = start_worker(url_, "w", log, "--idle-exit 2");
  // Kill the runner of the first attempt once it runs (the worker's grandchild).
  pid_t runner = 0;
  for (int i = 0; i < 600 && runner == 0; ++i) {
    for (pid_t p : descendants(worker->pid()))
      if (command_of(p).find("onnxbench-runner-opencv") != std::string::npos) runner = p;
    if (runner == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_NE(runner, 0) << "no runner under the worker; see " << log;
  ASSERT_EQ(::kill(runner, SIGKILL), 0);
  auto s = store::open_store(url_);
  EXPECT_TRUE(wait_until_drained(*s, 120)) << "see " << log;
  const auto t = s->tasks("").at(0);
  EXPECT_EQ(t.state, "done") << t.last_error;
  EXPECT_EQ(t.attempts, 2);
  const auto records = s->records({});
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].task_id, t.id);
  EXPECT_EQ(s->find_device("local")->consecutive_failures, 0);
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("worker w: failed bench"), std::string::npos) << text;
  EXPECT_NE(text.find("worker w: done bench"), std::string::npos) << text;
  worker->kill();
}

// A board over ssh whose sshd is killed mid-bench: the attempt fails with a transport error, no
// record is kept, the worker lives; the task goes back to the queue and is done once, by a worker
// of another device (this host) that it matches.
TEST_P(FleetDevicesTest, SshdKilledMidBenchRequeuesTheTaskWhichIsDoneOnce) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 1);
  const std::string store = " --store '" + url_ + "'";
  PrivateSshd sshd;  // sets ONNXBENCH_SSH_CONFIG for the workers this test starts
  ASSERT_EQ(run_cli("devices add board " + sshd.url() + " --dim os=linux" + store).exit_code, 0);
  ASSERT_EQ(run_cli("devices add here local --dim os=linux" + store).exit_code, 0);
  const std::string pipeline = dir + "/board.json";
  std::ofstream(pipeline) << R"({"name": "board", "stages": [
    {"name": "bench", "command": ["bench", "{input}", "--engine", "opencv", "--duration", "4",
     "--json", "{record}"], "dimensions": {"os": "linux"}, "value": "/throughput_per_s", "max_attempts": 5}]})";
  ASSERT_EQ(run_cli("farm submit --pipeline " + pipeline + " " + models[0] + store).exit_code, 0);
  // The workers keep their files next to their log: in a short folder, for ssh's control socket.
  char work[] = "/tmp/onnxbench-fleet-XXXXXX";
  ASSERT_NE(::mkdtemp(work), nullptr);
  const std::string log = std::string(work) + "/workers.log";
  struct Removed {
    std::string path;
    ~Removed() { std::filesystem::remove_all(path); }
  } removed{work};
  auto board_worker = start_worker(url_, "on-board", log, "--device board --quarantine-after 1");
  // Kill sshd once the bench's runner runs on the board (under sshd, on this host).
  auto s = store::open_store(url_);
  bool measuring = false;
  for (int i = 0; i < 1200 && !measuring; ++i) {
    const auto t = s->tasks("").at(0);
    const auto board = s->find_device("board");
    measuring = t.state == "running" && board->state == "busy";
    if (!measuring) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(measuring) << "the bench never ran on the board: " << read_file(log);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // into the run
  sshd.kill_server();
  // The attempt fails and the board is quarantined; the task waits in the queue.
  for (int i = 0; i < 600 && (s->find_device("board")->state != "quarantined" ||
                              s->tasks("").at(0).state != "queued");
       ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(s->tasks("").at(0).state, "queued");
  EXPECT_TRUE(s->records({}).empty()) << "a partial result was kept";
  auto local_worker = start_worker(url_, "on-host", log, "--device here");
  EXPECT_TRUE(wait_until_drained(*s, 120)) << "see " << log;
  const auto t = s->tasks("").at(0);
  EXPECT_EQ(t.state, "done") << t.last_error;
  const auto records = s->records({});
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].body.at("fleet").at("device"), "here");
  EXPECT_EQ(s->find_device("board")->consecutive_failures, 1);
  EXPECT_EQ(s->find_device("board")->state, "quarantined");
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("worker on-board: failed bench"), std::string::npos) << text;
  EXPECT_NE(text.find("worker on-host: done bench"), std::string::npos) << text;
  // The board's worker lived through it.
  EXPECT_EQ(::kill(board_worker->pid(), 0), 0);
  board_worker->kill();
  local_worker->kill();
}

INSTANTIATE_TEST_SUITE_P(Backends, FleetDevicesTest, kBackends);

}  // namespace
}  // namespace onnxbench::testing
