#include "inspect/inspect.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "graph/loader.h"
#include "inspect/macs.h"

namespace onnxbench::model {
namespace {

namespace fs = std::filesystem;
const std::string kNodeData = "/usr/share/libonnx-testdata/data/node";

#define SKIP_WITHOUT_TESTDATA() \
  if (!fs::exists(kNodeData))   \
  GTEST_SKIP() << kNodeData << " missing (Debian package libonnx-testdata)"

TEST(InspectTestdata, BasicConvWithPadding) {
  SKIP_WITHOUT_TESTDATA();
  // x [1,1,5,5] and W [1,1,3,3] are both graph inputs (no initializers), pads 1 -> y [1,1,5,5].
  const LoadedModel m = load_model(kNodeData + "/test_basic_conv_with_padding/model.onnx");
  const ModelSummary s = inspect_model(m.proto);
  ASSERT_EQ(s.inputs.size(), 2u);
  EXPECT_EQ(s.inputs[0].name, "x");
  EXPECT_EQ(s.inputs[0].dtype, "float32");
  EXPECT_EQ(dims_to_string(*s.inputs[0].shape), "[1,1,5,5]");
  EXPECT_EQ(s.outputs[0].name, "y");
  EXPECT_EQ(s.op_histogram, (std::map<std::string, int>{{"Conv", 1}}));
  EXPECT_EQ(s.parameter_count, 0u);
  EXPECT_EQ(s.total_macs, 25u * 9);
  EXPECT_EQ(s.producer, "backend-test");
  EXPECT_TRUE(s.shape_inference_error.empty());
}

TEST(InspectTestdata, MatMul4d) {
  SKIP_WITHOUT_TESTDATA();
  // [1,2,3,4] x [1,2,4,3] -> [1,2,3,3]: 18 outputs x K 4.
  const ModelSummary s = inspect_model(load_model(kNodeData + "/test_matmul_4d/model.onnx").proto);
  EXPECT_EQ(s.total_macs, 18u * 4);
}

TEST(InspectTestdata, JsonSummary) {
  SKIP_WITHOUT_TESTDATA();
  const ModelSummary s =
      inspect_model(load_model(kNodeData + "/test_basic_conv_with_padding/model.onnx").proto);
  const nlohmann::json j = summary_to_json(s, true);
  EXPECT_EQ(j["inputs"][0]["shape"].dump(), "[1,1,5,5]");
  EXPECT_EQ(j["inputs"][0]["dtype"], "float32");
  EXPECT_EQ(j["op_histogram"]["Conv"], 1);
  EXPECT_EQ(j["macs"]["total"], 225);
  EXPECT_EQ(j["macs"]["total_text"], "225");
  EXPECT_EQ(j["macs"]["symbolic_dims_as_one"], false);
  EXPECT_EQ(j["nodes"][0]["op"], "Conv");
  EXPECT_EQ(j["nodes"][0]["output_shape"].dump(), "[1,1,5,5]");
  EXPECT_TRUE(j["shape_inference_error"].is_null());
  EXPECT_EQ(j["opsets"].dump(), R"({"ai.onnx":11})");
  EXPECT_FALSE(summary_to_json(s, false).contains("nodes"));
}

// Every model of ONNX's node tests loads and inspects without throwing.
TEST(InspectTestdata, EveryNodeTestModelLoads) {
  SKIP_WITHOUT_TESTDATA();
  int loaded = 0;
  std::vector<std::string> failures;
  for (const auto& entry : fs::directory_iterator(kNodeData)) {
    const std::string path = (entry.path() / "model.onnx").string();
    if (!fs::exists(path)) continue;
    try {
      const LoadedModel m = load_model(path);
      inspect_model(m.proto);
      ++loaded;
    } catch (const std::exception& e) {
      failures.push_back(e.what());
    }
  }
  EXPECT_GT(loaded, 500);
  for (const auto& f : failures) ADD_FAILURE() << f;
}

}  // namespace
}  // namespace onnxbench::model
