// The default pipeline's accuracy stages on both backends: waiting until a data set is set, then
// queued; reset and cancel keep them waiting; their priority follows the first one's F1.
#include "farm/settings.h"

#include <algorithm>

#include "core/error.h"
#include "farm/pipeline.h"
#include "store/store.h"
#include "support/store_backends.h"

namespace onnxbench::testing {
namespace {

using nlohmann::json;

class SettingsTest : public BackendTest {};

store::Model model(const std::string& sha) {
  return {sha, "model-" + sha, "default", std::nullopt, "2026-12-01T00:00:00Z"};
}

std::map<std::string, store::Task> by_stage(store::Store& s, const std::string& sha) {
  std::map<std::string, store::Task> out;
  for (auto& t : s.tasks(sha)) out[t.stage] = t;
  return out;
}

const std::vector<std::string> kAccuracy = {"accuracy-onnxruntime", "accuracy-int8-onnxruntime",
                                            "accuracy-opencv"};

TEST_P(SettingsTest, AccuracyStagesWaitForTheDatasetThenQueueAndRun) {
  auto s = store::open_store(url_);
  const auto tasks = farm::pipeline_tasks(farm::default_pipeline(), {{"calibration", "random:8"}});
  s->submit(model("m1"), tasks);
  s->submit(model("m2"), tasks);
  store::Worker w;
  w.name = "w";
  w.host = "h";
  w.capabilities = {"engine:onnxruntime", "engine:opencv"};
  w.devices = {"local"};  // the benches and evals measure: they hold this device
  s->register_worker(w);

  // Everything but the accuracy stages runs; they never come out of the queue.
  int claimed = 0;
  while (auto t = s->claim("w", 60)) {
    EXPECT_EQ(t->stage.rfind("accuracy", 0), std::string::npos) << t->stage;
    EXPECT_TRUE(s->complete({t->id, t->epoch}, {}, {}, json(), ""));
    ++claimed;
  }
  EXPECT_EQ(claimed, 10);
  for (const auto& stage : kAccuracy) {
    const auto t = by_stage(*s, "m1").at(stage);
    EXPECT_EQ(t.state, "waiting") << stage;
    EXPECT_EQ(t.spec["waits_for"], json::array({"dataset"})) << stage;
  }

  // Reset and cancel do not queue a stage that still waits for its data set.
  EXPECT_EQ(s->reset("m1", "accuracy-onnxruntime"), 1);
  EXPECT_EQ(by_stage(*s, "m1").at("accuracy-onnxruntime").state, "waiting");
  EXPECT_EQ(s->cancel("m1", "accuracy-opencv"), 1);
  EXPECT_EQ(s->reset("m1", "accuracy-opencv"), 1);
  EXPECT_EQ(by_stage(*s, "m1").at("accuracy-opencv").state, "waiting");
  EXPECT_FALSE(s->claim("w", 60));

  // The data set of one model: its three stages take it and are queued; m2's still wait.
  EXPECT_EQ(farm::apply_setting(*s, "m1", "dataset", "/data/val"), 3);
  EXPECT_EQ(farm::apply_setting(*s, "m1", "dataset", "/data/other"), 0);
  for (const auto& stage : kAccuracy) {
    const auto t = by_stage(*s, "m1").at(stage);
    EXPECT_EQ(t.state, "queued") << stage;
    EXPECT_EQ(t.spec["command"][3], "/data/val") << stage;
    EXPECT_EQ(by_stage(*s, "m2").at(stage).state, "waiting") << stage;
  }

  // The float run first; its F1 orders the other two (60 + 10 * F1, 60 + 100 * F1).
  auto first = s->claim("w", 60);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->stage, "accuracy-onnxruntime");
  EXPECT_FALSE(s->claim("w", 60)) << "a stage ran before the one it needs";
  const json eval_record = {
      {"run", {{"engine", "onnxruntime"}, {"scores", {{"classes", {{"macro", {{"f1", 0.5}}}}}}}}}};
  const store::RecordKey key{"m1", "eval", "onnxruntime", "h", "2026-12-01T00:00:00Z"};
  EXPECT_TRUE(s->complete({first->id, first->epoch}, {key}, {eval_record}, 0.5, ""));
  const auto after = by_stage(*s, "m1");
  EXPECT_EQ(after.at("accuracy-int8-onnxruntime").priority, 65);
  EXPECT_EQ(after.at("accuracy-opencv").priority, 110);
  auto second = s->claim("w", 60);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->stage, "accuracy-int8-onnxruntime");

  // Every model at once.
  EXPECT_EQ(farm::apply_setting(*s, "", "dataset", "/data/val"), 3);
  EXPECT_EQ(by_stage(*s, "m2").at("accuracy-onnxruntime").state, "queued");
}

INSTANTIATE_TEST_SUITE_P(Backends, SettingsTest, kBackends);

TEST(PipelineSettings, APriorityFromAStageHasItsFieldsChecked) {
  const json bad = json::parse(R"({"stages": [
    {"name": "a", "command": ["inspect", "{input}"]},
    {"name": "b", "command": ["inspect", "{input}"], "priority": {"stage": "a", "field": "f1"}}]})");
  try {
    farm::parse_pipeline(bad, "p.json");
    FAIL() << "a field that is not a JSON pointer was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("p.json: stages[1].priority.field"), std::string::npos)
        << e.what();
  }
}

}  // namespace

// Issue 22: calibration data is a setting; the quantize stage waits for it.
TEST(DefaultPipeline, QuantizeWaitsForCalibrationData) {
  const auto tasks = farm::pipeline_tasks(farm::default_pipeline(), {});
  const auto quantize = std::find_if(tasks.begin(), tasks.end(),
                                     [](const store::Task& t) { return t.stage == "quantize"; });
  ASSERT_NE(quantize, tasks.end());
  EXPECT_EQ(quantize->state, "waiting");
  EXPECT_EQ(quantize->spec["waits_for"], json::array({"calibration"}));
  EXPECT_FALSE(farm::calibrated_on_random_data(quantize->spec["command"]));
  const auto on_random =
      farm::pipeline_tasks(farm::default_pipeline(), {{"calibration", "random:8"}});
  for (const auto& t : on_random) {
    if (t.stage == "quantize") {
      EXPECT_TRUE(farm::calibrated_on_random_data(t.spec["command"]));
    }
  }
  const auto on_images =
      farm::pipeline_tasks(farm::default_pipeline(), {{"calibration", "/data/calib"}});
  for (const auto& t : on_images) {
    if (t.stage == "quantize") {
      EXPECT_FALSE(farm::calibrated_on_random_data(t.spec["command"]));
    }
  }
}

}  // namespace onnxbench::testing
