// Claims, leases and fencing on both backends.
#include <set>
#include <thread>

#include "store/store.h"
#include "support/store_backends.h"

namespace onnxbench::testing {
namespace {

using nlohmann::json;

store::RecordQuery query(std::string model, std::string kind = "", std::string engine = "",
                         std::string since = "") {
  store::RecordQuery q;
  q.model = std::move(model);
  q.kind = std::move(kind);
  q.engine = std::move(engine);
  q.since = std::move(since);
  return q;
}

class ClaimsTest : public BackendTest {};

store::Task task(const std::string& stage, int priority, std::vector<std::string> caps = {},
                 std::vector<std::string> needs = {}, int max_attempts = 3) {
  store::Task t;
  t.stage = stage;
  t.priority = priority;
  t.max_attempts = max_attempts;
  t.spec = {{"command", {"inspect", "{input}"}}, {"requires", caps}, {"needs", needs}};
  t.requires_caps = caps;
  t.needs = needs;
  return t;
}

store::Model model(const std::string& sha, std::optional<int> priority = std::nullopt) {
  return {sha, "model-" + sha, "test", priority, "2026-12-01T00:00:00Z"};
}

void worker(store::Store& s, const std::string& name, std::vector<std::string> caps) {
  store::Worker w;
  w.name = name;
  w.host = "h";
  w.capabilities = std::move(caps);
  s.register_worker(w);
}

std::string claim_stage(store::Store& s, const std::string& w) {
  auto t = s.claim(w, 60);
  if (!t) return "";
  EXPECT_TRUE(s.complete({t->id, t->epoch}, {}, {}, json(), ""));
  return t->model_sha256 + ":" + t->stage;
}

TEST_P(ClaimsTest, ClaimsFollowPriorityCapabilitiesNeedsAndOverrides) {
  auto s = store::open_store(url_);
  s->submit(model("m1"), {task("inspect", 20), task("bench", 30, {"engine:opencv"}, {"inspect"}),
                          task("board", 10, {"device:sm8350"})});
  s->submit(model("m2"), {task("inspect", 20), task("bench", 30, {"engine:opencv"}, {"inspect"})});
  worker(*s, "cpu", {"engine:opencv", "cpu:x86_64"});
  worker(*s, "board", {"engine:opencv", "device:sm8350"});

  // The CPU worker never gets the board's stage; needs hold bench back until inspect is done.
  EXPECT_EQ(claim_stage(*s, "cpu"), "m1:inspect");
  s->set_priority_override("m2", 0);  // bump m2 before anything else, re-ordering queued work
  EXPECT_EQ(claim_stage(*s, "cpu"), "m2:inspect");
  EXPECT_EQ(claim_stage(*s, "cpu"), "m2:bench");
  EXPECT_EQ(claim_stage(*s, "cpu"), "m1:bench");
  EXPECT_EQ(claim_stage(*s, "cpu"), "");
  EXPECT_EQ(claim_stage(*s, "board"), "m1:board");
  EXPECT_EQ(claim_stage(*s, "board"), "");
}

TEST_P(ClaimsTest, SubmittingTheSameModelTwiceAddsNoWork) {
  auto s = store::open_store(url_);
  EXPECT_TRUE(s->submit(model("m1"), {task("inspect", 20), task("quantize", 20)}));
  worker(*s, "w", {});
  EXPECT_EQ(claim_stage(*s, "w"), "m1:inspect");
  EXPECT_FALSE(s->submit(model("m1"), {task("inspect", 20), task("quantize", 20)}));
  EXPECT_EQ(s->tasks("m1").size(), 2u);
  EXPECT_EQ(claim_stage(*s, "w"), "m1:quantize");
  EXPECT_EQ(claim_stage(*s, "w"), "");
}

TEST_P(ClaimsTest, ConcurrentWorkersNeverHoldTheSameTask) {
  {
    auto s = store::open_store(url_);
    for (int m = 0; m < 40; ++m)
      s->submit(model("m" + std::to_string(m)),
                {task("a", 20), task("b", 30), task("c", 30), task("d", 40), task("e", 50)});
  }
  constexpr int kWorkers = 4;
  std::vector<std::vector<std::int64_t>> claimed(kWorkers);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWorkers; ++w)
    threads.emplace_back([&, w] {
      auto s = store::open_store(url_);  // a connection per worker, as separate processes have
      const std::string name = "w" + std::to_string(w);
      worker(*s, name, {});
      while (auto t = s->claim(name, 60)) {
        claimed[w].push_back(t->id);
        EXPECT_TRUE(s->complete({t->id, t->epoch}, {}, {}, json(), ""));
      }
    });
  for (auto& t : threads) t.join();
  std::set<std::int64_t> all;
  std::size_t total = 0;
  for (const auto& ids : claimed) {
    all.insert(ids.begin(), ids.end());
    total += ids.size();
  }
  EXPECT_EQ(total, 200u);
  EXPECT_EQ(all.size(), 200u) << "a task was claimed twice";
}

TEST_P(ClaimsTest, AnExpiredLeaseReturnsTheTaskAndFencesTheOldHolder) {
  auto s = store::open_store(url_);
  s->submit(model("m1"), {task("inspect", 20)});
  worker(*s, "slow", {});
  worker(*s, "fast", {});
  const auto first = s->claim("slow", 0.2);
  ASSERT_TRUE(first);
  EXPECT_FALSE(s->claim("fast", 60)) << "a live lease was taken";
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto second = s->claim("fast", 60);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->id, first->id);
  EXPECT_EQ(second->epoch, first->epoch + 1);
  EXPECT_EQ(second->attempts, 2);

  const store::RecordKey k{"m1", "inspect", "", "h", "2026-12-01T00:00:00Z"};
  EXPECT_FALSE(s->heartbeat({first->id, first->epoch}, 60));
  EXPECT_FALSE(s->complete({first->id, first->epoch}, {k}, {json{{"by", "slow"}}}, json(), ""));
  EXPECT_FALSE(s->fail({first->id, first->epoch}, "late", ""));
  EXPECT_TRUE(s->heartbeat({second->id, second->epoch}, 60));
  EXPECT_TRUE(s->complete({second->id, second->epoch}, {k}, {json{{"by", "fast"}}}, 42, ""));
  const auto records = s->records(query("m1", "", "", ""));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].body["by"], "fast");
  EXPECT_EQ(s->tasks("m1").at(0).value, 42);
}

TEST_P(ClaimsTest, AttemptsAreCappedThenTheTaskFailsWithItsError) {
  auto s = store::open_store(url_);
  s->submit(model("m1"), {task("inspect", 20, {}, {}, 2)});
  worker(*s, "w", {});
  auto t = s->claim("w", 60);
  ASSERT_TRUE(t);
  EXPECT_TRUE(s->fail({t->id, t->epoch}, "exited with status 1", "stderr line"));
  t = s->claim("w", 0.1);  // second and last attempt: its lease runs out
  ASSERT_TRUE(t);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(s->claim("w", 60));
  const auto after = s->tasks("m1").at(0);
  EXPECT_EQ(after.state, "failed");
  EXPECT_NE(after.last_error.find("expired"), std::string::npos) << after.last_error;
}

TEST_P(ClaimsTest, CancelledAndResetTasksFollowTheUser) {
  auto s = store::open_store(url_);
  s->submit(model("m1"), {task("inspect", 20), task("quantize", 20)});
  worker(*s, "w", {});
  auto t = s->claim("w", 60);
  ASSERT_TRUE(t);
  EXPECT_EQ(s->cancel("m1"), 2);
  EXPECT_FALSE(s->heartbeat({t->id, t->epoch}, 60)) << "a cancelled task kept its lease";
  EXPECT_FALSE(s->claim("w", 60));
  EXPECT_EQ(s->reset("m1", "quantize"), 1);
  EXPECT_EQ(claim_stage(*s, "w"), "m1:quantize");
  s->delete_model("m1");
  EXPECT_TRUE(s->tasks("m1").empty());
  EXPECT_TRUE(s->models().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ClaimsTest, kBackends);

}  // namespace
}  // namespace onnxbench::testing
