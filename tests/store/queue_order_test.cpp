// What the status table shows of the queue, on both backends: the queue order is the order
// claims take tasks in, and each task's time in state restarts when its state changes.
#include <chrono>
#include <thread>

#include "store/store.h"
#include "support/store_backends.h"

namespace onnxbench::testing {
namespace {

using nlohmann::json;

class QueueOrderTest : public BackendTest {};

store::Task task(const std::string& stage, int priority) {
  store::Task t;
  t.stage = stage;
  t.priority = priority;
  t.spec = {
      {"command", {"inspect", "{input}"}}, {"needs", json::array()}, {"requires", json::array()}};
  return t;
}

std::string name_of(store::Store& s, std::int64_t id) {
  for (const auto& t : s.tasks())
    if (t.id == id) return t.model_sha256 + ":" + t.stage;
  return "";
}

TEST_P(QueueOrderTest, QueueOrderIsTheClaimOrder) {
  auto s = store::open_store(url_);
  s->submit({"m1", "one", "p", std::nullopt, "2026-12-01T00:00:00Z"},
            {task("inspect", 20), task("bench", 30)});
  s->submit({"m2", "two", "p", std::nullopt, "2026-12-01T00:00:01Z"},
            {task("inspect", 20), task("bench", 30)});
  s->set_priority_override("m2", 25);  // between the stages' own priorities
  store::Worker w;
  w.name = "w";
  w.host = "h";
  s->register_worker(w);
  std::vector<std::string> queued;
  for (const auto id : s->queue_order()) queued.push_back(name_of(*s, id));
  EXPECT_EQ(queued, (std::vector<std::string>{"m1:inspect", "m2:inspect", "m2:bench", "m1:bench"}));
  for (const auto& expected : queued) {
    ASSERT_EQ(name_of(*s, s->queue_order().front()), expected);
    const auto t = s->claim("w", 60);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->model_sha256 + ":" + t->stage, expected);
    EXPECT_TRUE(s->complete({t->id, t->epoch}, {}, {}, json(), ""));
  }
  EXPECT_TRUE(s->queue_order().empty());
}

TEST_P(QueueOrderTest, TimeInStateRestartsWhenTheStateChanges) {
  auto s = store::open_store(url_);
  s->submit({"m1", "one", "p", std::nullopt, "2026-12-01T00:00:00Z"}, {task("inspect", 20)});
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  const store::Task queued = s->tasks().at(0);
  EXPECT_GE(queued.seconds_in_state, 0.5);
  EXPECT_LT(queued.seconds_in_state, 60);
  store::Worker w;
  w.name = "w";
  w.host = "h";
  s->register_worker(w);
  const auto claimed = s->claim("w", 60);
  ASSERT_TRUE(claimed);
  EXPECT_LT(claimed->seconds_in_state, 0.5);
  EXPECT_GE(claimed->state_since_ms, queued.state_since_ms + 500);
  ASSERT_TRUE(s->heartbeat({claimed->id, claimed->epoch}, 60));  // not a change of state
  EXPECT_EQ(s->tasks().at(0).state_since_ms, claimed->state_since_ms);
}

INSTANTIATE_TEST_SUITE_P(Backends, QueueOrderTest, kBackends);

}  // namespace
}  // namespace onnxbench::testing
