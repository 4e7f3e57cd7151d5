// Devices in the store on both backends: what is kept, device leases taken with measuring tasks
// (one measurement per device, fenced by the task's epoch), dimension matching and quarantine.
#include <atomic>
#include <thread>

#include "core/error.h"
#include "store/store.h"
#include "support/store_backends.h"

namespace onnxbench::testing {
namespace {

using nlohmann::json;

class DevicesStoreTest : public BackendTest {};

store::Device device(const std::string& name,
                     std::map<std::string, std::vector<std::string>> dims = {}) {
  store::Device d;
  d.name = name;
  d.url = "ssh://bench@" + name;
  d.dimensions = std::move(dims);
  return d;
}

store::Task measuring(const std::string& stage, std::map<std::string, std::string> dims = {},
                      int priority = 30, int max_attempts = 10) {
  store::Task t;
  t.stage = stage;
  t.priority = priority;
  t.max_attempts = max_attempts;
  t.measures = true;
  t.dimensions = dims;
  t.spec = {{"command", {"bench", "{input}"}}, {"measures", true}, {"dimensions", dims}};
  return t;
}

store::Task plain(const std::string& stage, int priority = 20) {
  store::Task t;
  t.stage = stage;
  t.priority = priority;
  t.spec = {{"command", {"inspect", "{input}"}}};
  return t;
}

store::Model model(const std::string& sha) {
  return {sha, "model-" + sha, "test", std::nullopt, "2026-12-01T00:00:00Z"};
}

void worker(store::Store& s, const std::string& name, std::vector<std::string> devices) {
  store::Worker w;
  w.name = name;
  w.host = "h";
  w.devices = std::move(devices);
  s.register_worker(w);
}

store::Lease lease(const store::Task& t) { return {t.id, t.epoch}; }

TEST_P(DevicesStoreTest, DevicesKeepTheirUrlAndDimensionsAndAreRemovedOnlyWhenIdle) {
  auto s = store::open_store(url_);
  EXPECT_TRUE(s->add_device(device("rb5", {{"soc", {"qcs8250"}}, {"os", {"linux", "ubuntu"}}})));
  EXPECT_FALSE(s->add_device(device("rb5")));  // the name is taken
  EXPECT_TRUE(s->add_device(device("a1")));
  const auto all = s->devices();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "a1");
  const auto rb5 = s->find_device("rb5");
  ASSERT_TRUE(rb5);
  EXPECT_EQ(rb5->url, "ssh://bench@rb5");
  EXPECT_EQ(rb5->dimensions.at("os"), (std::vector<std::string>{"linux", "ubuntu"}));
  EXPECT_EQ(rb5->state, "idle");
  EXPECT_TRUE(rb5->probe.is_null());
  EXPECT_FALSE(s->find_device("nope"));

  EXPECT_TRUE(s->set_device_probe("rb5", {{"architecture", "aarch64"}}));
  EXPECT_EQ(s->find_device("rb5")->probe.value("architecture", ""), "aarch64");
  EXPECT_FALSE(s->set_device_probe("nope", json::object()));

  // Busy: refused; idle again: removed with its dimensions.
  s->submit(model("m1"), {measuring("bench")});
  worker(*s, "w", {"rb5"});
  auto t = s->claim("w", 60);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->device, "rb5");
  EXPECT_EQ(s->find_device("rb5")->state, "busy");
  EXPECT_THROW(s->remove_device("rb5"), InputError);
  ASSERT_TRUE(s->complete(lease(*t), {}, {}, json(), ""));
  EXPECT_TRUE(s->remove_device("rb5"));
  EXPECT_FALSE(s->remove_device("rb5"));
  EXPECT_FALSE(s->find_device("rb5"));
}

TEST_P(DevicesStoreTest, AWorkerMayOnlyServeDevicesOfTheStoreButLocalIsAddedForIt) {
  auto s = store::open_store(url_);
  EXPECT_THROW(worker(*s, "w", {"ghost"}), InputError);
  worker(*s, "w", {"local"});
  const auto local = s->find_device("local");
  ASSERT_TRUE(local);
  EXPECT_EQ(local->url, "local");
  EXPECT_EQ(s->workers().at(0).devices, std::vector<std::string>{"local"});
}

TEST_P(DevicesStoreTest, OneMeasurementPerDeviceWhileOtherStagesRunBeside) {
  auto s = store::open_store(url_);
  s->submit(model("m1"), {measuring("bench-a"), measuring("bench-b"), plain("inspect", 40)});
  worker(*s, "w1", {"local"});
  worker(*s, "w2", {"local"});
  auto a = s->claim("w1", 60);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->stage, "bench-a");
  EXPECT_EQ(a->device, "local");
  // The other bench waits for the device; the inspect does not.
  auto b = s->claim("w2", 60);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->stage, "inspect");
  EXPECT_EQ(b->device, "");
  EXPECT_FALSE(s->claim("w2", 60));
  const auto busy = s->find_device("local");
  EXPECT_EQ(busy->state, "busy");
  EXPECT_EQ(busy->lease_worker, "w1");
  EXPECT_EQ(busy->task_id, a->id);
  EXPECT_EQ(busy->task_stage, "bench-a");
  // A failed attempt frees the device too; the next measurement takes it.
  ASSERT_TRUE(s->fail(lease(*a), "boom", ""));
  auto next = s->claim("w2", 60);
  ASSERT_TRUE(next);
  EXPECT_TRUE(next->stage == "bench-a" || next->stage == "bench-b") << next->stage;
  EXPECT_EQ(next->device, "local");
  EXPECT_FALSE(s->claim("w1", 60));
  ASSERT_TRUE(s->release(lease(*next)));
  EXPECT_EQ(s->find_device("local")->state, "idle");
}

TEST_P(DevicesStoreTest, AnExpiredDeviceLeaseIsTakenOverAndTheOldHolderIsFenced) {
  auto s = store::open_store(url_);
  s->submit(model("m1"), {measuring("bench")});
  worker(*s, "old", {"local"});
  worker(*s, "new", {"local"});
  auto first = s->claim("old", 0.2);
  ASSERT_TRUE(first);
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_EQ(s->find_device("local")->state, "idle");  // the lease ran out
  auto second = s->claim("new", 60);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->id, first->id);
  EXPECT_GT(second->epoch, first->epoch);
  EXPECT_EQ(second->device, "local");
  // The old holder can neither renew, end an attempt on the device, fail nor complete it.
  EXPECT_FALSE(s->heartbeat(lease(*first), 60));
  EXPECT_FALSE(s->device_attempt_ended(lease(*first), {false, 1, 90.0}));
  EXPECT_FALSE(s->fail(lease(*first), "late", ""));
  EXPECT_FALSE(s->complete(lease(*first), {}, {}, json(), ""));
  const auto d = s->find_device("local");
  EXPECT_EQ(d->state, "busy");
  EXPECT_EQ(d->lease_worker, "new");
  EXPECT_EQ(d->consecutive_failures, 0);
  EXPECT_FALSE(d->temperature_c);
  EXPECT_TRUE(s->heartbeat(lease(*second), 60));
  EXPECT_TRUE(s->complete(lease(*second), {}, {}, json(1), ""));
}

TEST_P(DevicesStoreTest, TasksTakeOnlyADeviceWhoseDimensionsIncludeTheirs) {
  auto s = store::open_store(url_);
  s->add_device(device("pixel", {{"soc", {"tensor-g2"}}, {"os", {"android"}}}));
  s->add_device(device("rb5", {{"soc", {"qcs8250"}}, {"os", {"linux", "ubuntu"}}}));
  s->submit(model("m1"), {measuring("on-ubuntu", {{"os", "ubuntu"}}),
                          measuring("on-tensor", {{"soc", "tensor-g2"}, {"os", "android"}}),
                          measuring("on-ios", {{"os", "ios"}})});
  worker(*s, "android-host", {"pixel"});
  worker(*s, "linux-host", {"rb5"});
  auto t = s->claim("android-host", 60);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->stage, "on-tensor");
  EXPECT_EQ(t->device, "pixel");
  auto u = s->claim("linux-host", 60);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->stage, "on-ubuntu");  // one of the device's two os values
  EXPECT_EQ(u->device, "rb5");
  s->complete(lease(*t), {}, {}, json(), "");
  s->complete(lease(*u), {}, {}, json(), "");
  // No device anywhere is an ios one: the task stays queued.
  EXPECT_FALSE(s->claim("android-host", 60));
  EXPECT_FALSE(s->claim("linux-host", 60));
  EXPECT_EQ(s->tasks("m1").at(2).state, "queued");
  // A worker serving both devices measures on whichever matches.
  s->submit(model("m2"), {measuring("on-ubuntu", {{"os", "ubuntu"}})});
  worker(*s, "both", {"pixel", "rb5"});
  auto v = s->claim("both", 60);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->device, "rb5");
}

TEST_P(DevicesStoreTest, ADeviceFailingNAttemptsInARowIsQuarantinedUntilReset) {
  auto s = store::open_store(url_);
  s->submit(model("m1"), {measuring("bench")});
  worker(*s, "w", {"local"});
  // A success clears the count; then three failures in a row quarantine it.
  for (int i = 0; i < 5; ++i) {
    auto t = s->claim("w", 60);
    ASSERT_TRUE(t) << "attempt " << i;
    const bool ok = i == 1;
    EXPECT_TRUE(s->device_attempt_ended(lease(*t), {ok, 3, 40.0 + i}));
    ASSERT_TRUE(s->fail(lease(*t), ok ? "the model failed" : "device went away", ""));
    const auto d = s->find_device("local");
    EXPECT_EQ(d->consecutive_failures, ok ? 0 : (i == 0 ? 1 : i - 1)) << "attempt " << i;
    EXPECT_EQ(*d->temperature_c, 40.0 + i);
  }
  auto d = s->find_device("local");
  EXPECT_TRUE(d->quarantined);
  EXPECT_EQ(d->state, "quarantined");
  EXPECT_EQ(d->consecutive_failures, 3);
  EXPECT_FALSE(s->claim("w", 60));  // not claimed while quarantined
  EXPECT_EQ(s->tasks("m1").at(0).state, "queued");
  EXPECT_TRUE(s->reset_device("local"));
  EXPECT_FALSE(s->reset_device("nope"));
  d = s->find_device("local");
  EXPECT_FALSE(d->quarantined);
  EXPECT_EQ(d->consecutive_failures, 0);
  auto t = s->claim("w", 60);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->device, "local");
}

TEST_P(DevicesStoreTest, ResetAndCancelFreeTheDeviceOfARunningTask) {
  auto s = store::open_store(url_);
  s->submit(model("m1"), {measuring("bench-a")});
  s->submit(model("m2"), {measuring("bench-b")});
  worker(*s, "w", {"local"});
  auto t = s->claim("w", 60);
  ASSERT_TRUE(t);
  s->reset(t->model_sha256, "");
  EXPECT_EQ(s->find_device("local")->state, "idle");
  auto u = s->claim("w", 60);
  ASSERT_TRUE(u);
  s->cancel(u->model_sha256, "");
  EXPECT_EQ(s->find_device("local")->state, "idle");
}

TEST_P(DevicesStoreTest, ConcurrentClaimsNeverMeasureTwiceOnOneDevice) {
  {
    auto s = store::open_store(url_);
    std::vector<store::Task> tasks;
    for (int i = 0; i < 12; ++i) tasks.push_back(measuring("bench-" + std::to_string(i)));
    for (int i = 0; i < 12; ++i) tasks.push_back(plain("inspect-" + std::to_string(i)));
    s->submit(model("m1"), tasks);
  }
  std::atomic<int> measuring_now{0}, most{0}, done{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([&, w] {
      auto s = store::open_store(url_);  // a connection per worker, as separate processes have
      const std::string name = "w" + std::to_string(w);
      worker(*s, name, {"local"});
      for (int idle = 0; idle < 50;) {
        auto t = s->claim(name, 60);
        if (!t) {
          ++idle;
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
          continue;
        }
        if (t->measures) {
          const int now = ++measuring_now;
          int seen = most.load();
          while (now > seen && !most.compare_exchange_weak(seen, now)) {
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
          --measuring_now;  // before the completion frees the device
        }
        if (s->complete(lease(*t), {}, {}, json(), "")) ++done;
      }
    });
  for (auto& t : workers) t.join();
  EXPECT_EQ(done.load(), 24);
  EXPECT_EQ(most.load(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, DevicesStoreTest, kBackends);

}  // namespace
}  // namespace onnxbench::testing
