// The farm as a user runs it, on both backends: submit, a worker drains the pipeline, status.
#include <filesystem>
#include <fstream>

#include "store/store.h"
#include "support/fleet.h"
#include "support/run_cli.h"
#include "support/store_backends.h"
#include "support/test_paths.h"

namespace onnxbench::testing {
namespace {

class FarmCliTest : public BackendTest {};

TEST_P(FarmCliTest, AWorkerDrainsThePipelineAndTheStatusTableFillsIn) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 2);
  const std::string pipeline = write_trivial_pipeline(dir);
  const std::string store = " --store '" + url_ + "'";
  auto r =
      run_cli("farm submit " + models[0] + " " + models[1] + " --pipeline " + pipeline + store);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_cli("farm submit " + models[0] + " --pipeline " + pipeline + store);
  EXPECT_NE(r.output.find("already submitted model1"), std::string::npos) << r.output;
  r = run_cli("farm priority model2 0" + store);
  ASSERT_EQ(r.exit_code, 0) << r.output;

  r = run_cli("farm worker --idle-exit 1 --poll 0.2 --name w1 --work-dir " + dir + store);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // The override put model2 first.
  auto s = store::open_store(url_);
  const auto m2 = s->find_model("model2");
  ASSERT_TRUE(m2);
  EXPECT_NE(r.output.find("running a of " + m2->sha256.substr(0, 12)), std::string::npos);
  EXPECT_LT(r.output.find("running a of " + m2->sha256.substr(0, 12)),
            r.output.find("running a of " + s->find_model("model1")->sha256.substr(0, 12)));

  r = run_cli("farm status" + store);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("93930752"), std::string::npos) << r.output;  // inspect's MACs
  EXPECT_NE(r.output.find("model1"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("queued"), r.output.find("queued  running")) << r.output;
  store::RecordQuery q;
  q.kind = "inspect";
  EXPECT_EQ(s->records(q).size(), 4u);  // two stages of two models, each once

  r = run_cli("results --kind inspect --csv -" + store);
  EXPECT_NE(r.output.find("id,created_at,kind,model,model_sha256,precision"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find(",inspect,model1," + s->find_model("model1")->sha256 + ","),
            std::string::npos)
      << r.output;  // the submitted name, not the worker's file (issue 22)
  r = run_cli("farm download model1 -o " + dir + "/dl" + store);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(std::filesystem::exists(dir + "/dl/model1.onnx"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir + "/dl"), {}), 3);
}

TEST_P(FarmCliTest, AFailingStageFailsAfterItsAttemptsAndTheWorkerLives) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 1);
  std::ofstream(dir + "/p.json") << R"({"stages": [
    {"name": "broken", "command": ["bench", "{input}", "--engine", "opencv", "--batch", "0"],
     "max_attempts": 2},
    {"name": "fine", "command": ["inspect", "{input}", "--json", "-"]}]})";
  const std::string store = " --store '" + url_ + "'";
  ASSERT_EQ(
      run_cli("farm submit " + models[0] + " --pipeline " + dir + "/p.json" + store).exit_code, 0);
  const auto r = run_cli("farm worker --idle-exit 1 --poll 0.2 --work-dir " + dir + store);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  auto s = store::open_store(url_);
  for (const auto& t : s->tasks("")) {
    EXPECT_EQ(t.state, t.stage == "broken" ? "failed" : "done") << t.stage;
    if (t.stage == "broken") {
      EXPECT_EQ(t.attempts, 2);
      EXPECT_NE(t.last_error.find("exited with status"), std::string::npos) << t.last_error;
      EXPECT_FALSE(t.stderr_tail.empty());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, FarmCliTest, kBackends);

class FarmBadInput : public ScratchTest {};

TEST_F(FarmBadInput, EachIsOneClearErrorAndNothingIsQueued) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 1);
  const std::string store = " --store " + dir + "/s.db";
  std::ofstream(dir + "/not.onnx") << "not a model";
  EXPECT_TRUE(is_one_line_error(run_cli("farm submit " + dir + "/not.onnx" + store),
                                {"not.onnx", "not an ONNX model"}));
  std::ofstream(dir + "/bad.json") << "{ nope";
  EXPECT_TRUE(is_one_line_error(
      run_cli("farm submit " + models[0] + " --pipeline " + dir + "/bad.json" + store),
      {"bad.json", "not valid JSON"}));
  std::ofstream(dir + "/stage.json") << R"({"stages": [{"name": "x", "command": ["dance"]}]})";
  EXPECT_TRUE(is_one_line_error(
      run_cli("farm submit " + models[0] + " --pipeline " + dir + "/stage.json" + store),
      {"stage.json", "stage 'x'", "command", "subcommand"}));
  std::ofstream(dir + "/cap.json")
      << R"({"stages": [{"name": "x", "command": ["inspect", "{input}"], "requires": ["gpu"]}]})";
  EXPECT_TRUE(is_one_line_error(
      run_cli("farm submit " + models[0] + " --pipeline " + dir + "/cap.json" + store),
      {"cap.json", "unknown capability 'gpu'"}));
  std::ofstream(dir + "/need.json")
      << R"({"stages": [{"name": "x", "command": ["inspect", "{input}"], "needs": ["y"]}]})";
  EXPECT_TRUE(is_one_line_error(
      run_cli("farm submit " + models[0] + " --pipeline " + dir + "/need.json" + store),
      {"need.json", "unknown stage 'y'"}));
  EXPECT_TRUE(is_one_line_error(
      run_cli("farm submit " + models[0] + " --store postgresql://postgres@127.0.0.1:1/none"),
      {"postgresql://postgres@127.0.0.1:1/none", "cannot connect"}));
  EXPECT_TRUE(is_one_line_error(run_cli("farm worker --capability gpu" + store),
                                {"--capability", "unknown capability 'gpu'"}));
  EXPECT_FALSE(std::filesystem::exists(dir + "/s.db")) << "a store was created for bad input";
}

}  // namespace
}  // namespace onnxbench::testing
