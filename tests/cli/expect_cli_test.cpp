// run --expect against ONNX's own reference outputs (libonnx-testdata), intermediate tensors on
// both engines, and outputs that differ from what the model declares.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "core/npy.h"
#include "core/tensor_pb.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::run_cli;

const std::string kData = "/usr/share/libonnx-testdata/data";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class ExpectCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kData)) GTEST_SKIP() << "libonnx-testdata is not installed";
    dir_ = testing::scratch_dir();
  }
  CliResult run_expect(const std::string& test, const std::string& engine,
                       const std::string& extra = "") {
    const std::string set = test + "/test_data_set_0";
    return run_cli("run " + test + "/model.onnx --engine " + engine + " --input " + set +
                   " --expect " + set + " -o " + dir_ + "/out " + extra);
  }
  std::string dir_;
};

// A fixed sample of the conformance models: conv, pooling, matmul, activations, reductions,
// integer and bool outputs, several inputs, several outputs; models ONNX Runtime itself loads
// (it has dropped some of the oldest opsets). bench/conformance.sh runs them all.
TEST_F(ExpectCli, ASampleOfConformanceModelsPassesOnOnnxRuntime) {
  const std::vector<std::string> sample{"node/test_conv_with_strides_padding",
                                        "node/test_maxpool_2d_pads",
                                        "node/test_matmul_2d",
                                        "node/test_softmax_axis_1",
                                        "node/test_reduce_mean_keepdims_example",
                                        "node/test_argmax_default_axis_example",
                                        "node/test_greater",
                                        "node/test_add_bcast",
                                        "node/test_gemm_default_no_bias",
                                        "node/test_top_k",
                                        "pytorch-converted/test_Conv2d",
                                        "pytorch-converted/test_MaxPool2d",
                                        "pytorch-converted/test_ConvTranspose2d",
                                        "pytorch-converted/test_Embedding",
                                        "pytorch-converted/test_Softmax"};
  int passed = 0, present = 0;
  std::string failures;
  for (const auto& name : sample) {
    if (!fs::exists(kData + "/" + name)) continue;
    ++present;
    const CliResult r = run_expect(kData + "/" + name, "onnxruntime");
    if (r.exit_code == 0 && contains(r.output, "PASS"))
      ++passed;
    else
      failures += "\n" + name + ": " + r.output;
  }
  ASSERT_GT(present, 10);
  EXPECT_EQ(passed, present) << failures;
}

TEST_F(ExpectCli, AWrongReferenceFailsWithTheElementThatDiffers) {
  const std::string test = kData + "/node/test_relu";
  fs::create_directories(dir_ + "/set");
  fs::copy(test + "/test_data_set_0/input_0.pb", dir_ + "/set/input_0.pb");
  NamedTensor out = read_tensor_pb(test + "/test_data_set_0/output_0.pb");
  out.tensor.as<float>()[7] += 0.5f;
  write_tensor_pb(dir_ + "/set/output_0.pb", out.tensor, out.name);
  const CliResult r = run_cli("run " + test + "/model.onnx --input " + dir_ + "/set --expect " +
                              dir_ + "/set -o " + dir_ + "/out");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output, "FAIL  y: ")) << r.output;
  EXPECT_TRUE(contains(r.output, "1 of 60 elements outside the tolerance (element 7")) << r.output;
  EXPECT_TRUE(contains(r.output, "onnxbench: error: 1 of 1 outputs differ from")) << r.output;
}

TEST_F(ExpectCli, AnIntermediateTensorComesBackOnBothEngines) {
  const std::string model = dir_ + "/m.onnx";
  ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + model).exit_code, 0);
  for (const std::string engine : {"onnxruntime", "opencv"}) {
    const CliResult r = run_cli("run " + model + " --engine " + engine + " --fetch relu1 -o " +
                                dir_ + "/" + engine);
    ASSERT_EQ(r.exit_code, 0) << engine << ": " << r.output;
    EXPECT_EQ(read_npy(dir_ + "/" + engine + "/relu1.npy").shape, (Shape{1, 32, 96, 96})) << engine;
  }
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("run " + model + " --fetch nosuch -o " + dir_ + "/x"), {"nosuch"}));
}

TEST_F(ExpectCli, OutputsThatDifferFromTheDeclarationAreFlagged) {
  // ONNX's test declares a float64 output; OpenCV computes in float32.
  const std::string test = kData + "/node/test_cast_FLOAT_to_DOUBLE";
  if (!fs::exists(test)) GTEST_SKIP();
  const CliResult r = run_expect(test, "opencv");
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output,
                       "onnxbench: warning: output 'output' is float32 [3,4]; the "
                       "model declares float64 [3,4]"))
      << r.output;
  EXPECT_TRUE(contains(r.output, "FAIL  output: dtype float32, expected float64")) << r.output;
}

TEST_F(ExpectCli, BenchWarnsBeforeTimingAndTheRecordFlagsWrongOutputs) {
  const std::string test = kData + "/node/test_cast_FLOAT_to_DOUBLE";
  if (!fs::exists(test)) GTEST_SKIP();
  const std::string problem = "output 'output' is float32 [3,4]; the model declares float64 [3,4]";
  for (const std::string engine : {"opencv", "onnxruntime"}) {
    const std::string json_path = dir_ + "/" + engine + ".json";
    const CliResult r = run_cli("bench " + test + "/model.onnx --engine " + engine +
                                " --iterations 5 --json " + json_path);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto record = nlohmann::json::parse(read_file(json_path));
    if (engine == "opencv") {
      const std::string warning =
          "onnxbench: warning: opencv computes wrong outputs; timing it anyway: " + problem + "\n";
      EXPECT_TRUE(contains(r.output, warning)) << r.output;
      EXPECT_EQ(record["output_problems"], nlohmann::json::array({problem}));
    } else {
      EXPECT_FALSE(contains(r.output, "warning")) << r.output;
      EXPECT_EQ(record["output_problems"], nlohmann::json::array());
    }
    EXPECT_GT(record["first_inference_ms"].get<double>(), 0.0);
  }
}

}  // namespace
}  // namespace onnxbench
