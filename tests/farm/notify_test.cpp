// PostgreSQL wakes idle workers with LISTEN/NOTIFY: a worker polling once a minute claims a task
// submitted while it waits within seconds; and work queued without a notification (one that
// was lost) is still found by polling.
#include <chrono>
#include <thread>

#include "store/sql.h"
#include "store/store.h"
#include "support/fleet.h"
#include "support/run_cli.h"
#include "support/store_backends.h"
#include "support/test_paths.h"

namespace onnxbench::testing {
namespace {

using Clock = std::chrono::steady_clock;

class WorkerWakeUp : public ScratchTest {
 protected:
  void SetUp() override { url_ = fresh_store_url("postgresql"); }
  void TearDown() override {
    if (worker_) worker_->kill();
    drop_store(url_);
    ScratchTest::TearDown();
  }

  // Once the worker's session has run LISTEN and sits idle, it waits in select() for a
  // notification or its poll interval: from then on only a NOTIFY can wake it early.
  void wait_until_listening() {
    auto db = store::open_postgres(url_);
    const auto end = Clock::now() + std::chrono::seconds(60);
    while (Clock::now() < end) {
      const auto r = db->exec(
          "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
          "AND state = 'idle' AND query = 'LISTEN onnxbench_work'");
      if (r.rows.at(0).integer(0) == 1) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "the worker never listened; see " << log_;
  }

  // Seconds until every task is done; -1 after `limit` seconds.
  double seconds_until_done(store::Store& s, double limit) {
    const auto start = Clock::now();
    while (std::chrono::duration<double>(Clock::now() - start).count() < limit) {
      bool all = true;
      for (const auto& t : s.task_states()) all = all && t.state == "done";
      if (all) return std::chrono::duration<double>(Clock::now() - start).count();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }

  std::string url_, log_;
  std::unique_ptr<Subprocess> worker_;
};

TEST_F(WorkerWakeUp, AnIdleWorkerClaimsOnNotifyLongBeforeItsPollInterval) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 1);
  const std::string pipeline = write_trivial_pipeline(dir);
  auto s = store::open_store(url_);
  log_ = dir + "/worker.log";
  worker_ = start_worker(url_, "sleeper", log_, "", 600);  // would look again in ten minutes
  wait_until_listening();
  const auto r =
      run_cli("farm submit " + models[0] + " --pipeline " + pipeline + " --store '" + url_ + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const double seconds = seconds_until_done(*s, 120);
  EXPECT_GE(seconds, 0) << "not done; see " << log_;
  EXPECT_LT(seconds, 60) << "the worker slept through the notification; see " << log_;
}

TEST_F(WorkerWakeUp, WorkQueuedWithoutANotificationIsFoundByPolling) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 1);
  const std::string pipeline = write_trivial_pipeline(dir);
  auto s = store::open_store(url_);
  ASSERT_EQ(
      run_cli("farm submit " + models[0] + " --pipeline " + pipeline + " --store '" + url_ + "'")
          .exit_code,
      0);
  const auto m = s->find_model("model1");
  ASSERT_TRUE(m);
  EXPECT_EQ(s->cancel(m->sha256), 2);
  log_ = dir + "/worker.log";
  worker_ = start_worker(url_, "poller", log_, "", 1);
  for (int i = 0; i < 1200 && s->workers().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_FALSE(s->workers().empty()) << "the worker did not start; see " << log_;
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // found nothing, waiting
  // Queued behind the store's back: no NOTIFY is sent, as if it had been lost.
  store::open_postgres(url_)->exec("UPDATE tasks SET state = 'queued' WHERE state = 'cancelled'");
  EXPECT_GE(seconds_until_done(*s, 120), 0) << "polling did not find the work; see " << log_;
}

}  // namespace
}  // namespace onnxbench::testing
