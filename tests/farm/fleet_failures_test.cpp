// Workers killed with SIGKILL mid-task, again and again, and PostgreSQL restarted under running
// workers: every task ends done, its result counted exactly once.
#include <chrono>
#include <map>
#include <random>
#include <thread>

#include "store/store.h"
#include "support/fleet.h"
#include "support/run_cli.h"
#include "support/store_backends.h"
#include "support/test_paths.h"

namespace onnxbench::testing {
namespace {

using namespace std::chrono_literals;

class FleetFailuresTest : public BackendTest {};

void submit(const std::string& url, const std::vector<std::string>& models,
            const std::string& pipeline) {
  std::string args = "farm submit --pipeline " + pipeline + " --store '" + url + "'";
  for (const auto& m : models) args += " " + m;
  const auto r = run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.output;
}

// Every task done; one record per task, no more, no less.
void expect_done_exactly_once(store::Store& s, std::size_t tasks) {
  const auto all = s.tasks("");
  ASSERT_EQ(all.size(), tasks);
  std::map<std::int64_t, int> per_task;
  for (const auto& r : s.records({}))
    if (r.task_id) ++per_task[*r.task_id];
  for (const auto& t : all) {
    EXPECT_EQ(t.state, "done") << t.stage << " of " << t.model_sha256 << ": " << t.last_error;
    EXPECT_EQ(per_task[t.id], 1) << t.stage << " of " << t.model_sha256;
  }
}

TEST_P(FleetFailuresTest, WorkersKilledMidTaskManyTimesLoseNothingAndCountNothingTwice) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 6);
  submit(url_, models, write_trivial_pipeline(dir));
  auto s = store::open_store(url_);
  const std::string log = dir + "/workers.log";
  std::mt19937 rng(42);
  std::vector<std::unique_ptr<Subprocess>> workers;
  workers.push_back(start_worker(url_, "k0", log));
  workers.push_back(start_worker(url_, "k1", log));
  int kills = 0;
  for (int round = 0; round < 8; ++round) {
    std::this_thread::sleep_for(std::chrono::milliseconds(400 + rng() % 600));
    const std::size_t victim = rng() % workers.size();
    workers[victim]->kill();  // SIGKILL to the worker and its stage
    ++kills;
    workers[victim] = start_worker(url_, "k" + std::to_string(2 + round), log);
  }
  EXPECT_EQ(kills, 8);
  EXPECT_TRUE(wait_until_drained(*s, 240)) << "the fleet did not finish; see " << log;
  for (auto& w : workers) w->kill();
  expect_done_exactly_once(*s, 12);
}

INSTANTIATE_TEST_SUITE_P(Backends, FleetFailuresTest, kBackends);

class PostgresRestart : public ScratchTest {};

TEST_F(PostgresRestart, RunningWorkersWaitForTheDatabaseAndCarryOn) {
  const std::string url = fresh_store_url("postgresql");
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 6);
  submit(url, models, write_trivial_pipeline(dir));
  const std::string log = dir + "/workers.log";
  auto w0 = start_worker(url, "r0", log);
  auto w1 = start_worker(url, "r1", log);
  auto s = store::open_store(url);
  // Restart only once both are running: a worker that cannot reach its store at start is an
  // error, not something it waits out.
  const auto end = std::chrono::steady_clock::now() + 120s;
  while (s->workers().size() < 2 && std::chrono::steady_clock::now() < end)
    std::this_thread::sleep_for(100ms);
  ASSERT_EQ(s->workers().size(), 2u) << "see " << log;
  std::this_thread::sleep_for(500ms);
  restart_postgres();
  std::this_thread::sleep_for(500ms);
  restart_postgres();
  s = store::open_store(url);  // the restarts closed this connection too
  EXPECT_TRUE(wait_until_drained(*s, 240)) << "the fleet did not finish; see " << log;
  // Both workers are still the ones started before the restarts.
  const auto workers = s->workers();
  ASSERT_EQ(workers.size(), 2u);
  for (const auto& w : workers) EXPECT_NE(w.state, "stopped") << w.name;
  EXPECT_EQ(w0->exit_description(), "running");
  EXPECT_EQ(w1->exit_description(), "running");
  w0->kill();
  w1->kill();
  expect_done_exactly_once(*s, 12);
  s.reset();
  drop_store(url);
}

}  // namespace
}  // namespace onnxbench::testing
