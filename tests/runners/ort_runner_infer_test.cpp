// The ONNX Runtime runner's infer: values, every .npy dtype (float16 and bfloat16 included), the
// inputs and outputs that do not fit the model, and ONNX's own conformance cases.
#include <filesystem>

#include "core/half.h"
#include "core/tensor_pb.h"
#include "core/tensor_values.h"
#include "ort_runner.h"
#include "support/model_test_util.h"

namespace onnxbench::testing {
namespace {

using OrtRunnerInfer = OrtRunnerTest;

TEST_F(OrtRunnerInfer, ReluOfKnownValues) {
  OrtRunner runner;
  runner.load(
      model_file(unary_model("Relu", DType::kFloat32, {2, 3}, DType::kFloat32), "relu.onnx"));
  const std::string x = npy_file(float_tensor({2, 3}, {-1, 2, -3, 4, 0, -0.5f}), "x.npy");
  const json reply =
      runner.request("infer", {{"inputs", {{"x", x}}}, {"output_dir", dir + "/out"}});
  EXPECT_EQ(reply["outputs"], json::parse(R"([{"name":"y","path":")" + dir +
                                          R"(/out/y.npy","dtype":"float32","shape":[2,3]}])"));
  EXPECT_GT(reply["latency_us"].get<double>(), 0);
  const Tensor y = read_npy(dir + "/out/y.npy");
  EXPECT_EQ(std::vector<float>(y.as<float>(), y.as<float>() + 6),
            (std::vector<float>{0, 2, 0, 4, 0, 0}));
}

// Identity carries the bytes of every dtype through ONNX Runtime and back into a .npy file.
TEST_F(OrtRunnerInfer, EveryDtypeTravelsBothWays) {
  for (DType t : kAllDTypes) {
    SCOPED_TRACE(std::string(dtype_name(t)));
    OrtRunner runner;
    runner.load(model_file(unary_model("Identity", t, {2, 3}, t), "identity.onnx"));
    const Tensor x = random_tensor(t, {2, 3}, 7);
    const json reply = runner.request(
        "infer", {{"inputs", {{"x", npy_file(x, "x.npy")}}}, {"output_dir", dir + "/out"}});
    EXPECT_EQ(reply["outputs"][0]["dtype"], dtype_name(t));
    const Tensor y = read_npy(dir + "/out/y.npy");
    EXPECT_EQ(y.dtype, t);
    EXPECT_EQ(y.data, x.data);
  }
}

// Cast to float32 checks that ONNX Runtime reads float16 and bfloat16 as the values they hold.
TEST_F(OrtRunnerInfer, HalfPrecisionInputsHoldTheirValues) {
  for (DType t : {DType::kFloat16, DType::kBFloat16}) {
    SCOPED_TRACE(std::string(dtype_name(t)));
    OrtRunner runner;
    runner.load(model_file(unary_model("Cast", t, {4}, DType::kFloat32, {model::attr_int("to", 1)}),
                           "cast.onnx"));
    Tensor x(t, {4});
    const float values[] = {1.5f, -2.25f, 0.0f, 65504.0f};
    for (int i = 0; i < 4; ++i)
      x.as<std::uint16_t>()[i] =
          t == DType::kFloat16 ? float_to_half(values[i]) : float_to_bfloat16(values[i]);
    runner.request("infer",
                   {{"inputs", {{"x", npy_file(x, "x.npy")}}}, {"output_dir", dir + "/out"}});
    const Tensor y = read_npy(dir + "/out/y.npy");
    for (int i = 0; i < 4; ++i) EXPECT_EQ(y.as<float>()[i], element_value(x, i)) << i;
  }
}

TEST_F(OrtRunnerInfer, InputsAndOutputsThatDoNotFitAreBadRequests) {
  OrtRunner runner;
  runner.load(
      model_file(unary_model("Relu", DType::kFloat32, {2, 3}, DType::kFloat32), "relu.onnx"));
  const std::string out = dir + "/out";
  const std::string good = npy_file(Tensor(DType::kFloat32, {2, 3}), "good.npy");
  const auto infer_error = [&](json inputs, json outputs = nullptr) {
    json args = {{"inputs", std::move(inputs)}, {"output_dir", out}};
    if (!outputs.is_null()) args["outputs"] = std::move(outputs);
    return runner.error_of("infer", std::move(args));
  };
  const json f64 = infer_error({{"x", npy_file(Tensor(DType::kFloat64, {2, 3}), "f64.npy")}});
  EXPECT_EQ(f64["kind"], "bad_request");
  EXPECT_TRUE(contains(f64["message"], "holds float64, the model expects float32 [2,3]"));
  const json small = infer_error({{"x", npy_file(Tensor(DType::kFloat32, {2, 2}), "small.npy")}});
  EXPECT_TRUE(contains(small["message"], "has shape [2,2], the model expects float32 [2,3]"));
  EXPECT_EQ(infer_error(json::object())["kind"], "bad_request");
  EXPECT_TRUE(contains(infer_error({{"x", good}, {"z", good}})["message"], "no input 'z'"));
  EXPECT_TRUE(contains(infer_error({{"x", good}}, {"nope"})["message"], "no output 'nope'"));
  const json gone = infer_error({{"x", dir + "/gone.npy"}});
  EXPECT_EQ(gone["kind"], "io");
  EXPECT_TRUE(contains(gone["message"], "gone.npy: cannot read: No such file or directory"));
  std::filesystem::copy_file(dir + "/relu.onnx", dir + "/not.npy");
  const json not_npy = infer_error({{"x", dir + "/not.npy"}});
  EXPECT_EQ(not_npy["kind"], "io");
  EXPECT_TRUE(contains(not_npy["message"], "not.npy: not a valid .npy file"));
}

TEST_F(OrtRunnerInfer, OutputsLimitsWhatIsWritten) {
  model::ModelBuilder b(17);
  b.input("x", DType::kFloat32, {3})
      .node("Relu", {"x"}, {"r"})
      .node("Neg", {"x"}, {"n:eg"})
      .output("r", DType::kFloat32, {3})
      .output("n:eg", DType::kFloat32, {3});
  OrtRunner runner;
  runner.load(model_file(b.build(), "two.onnx"));
  const json reply = runner.request(
      "infer", {{"inputs", {{"x", npy_file(float_tensor({3}, {1, -2, 3}), "x.npy")}}},
                {"output_dir", dir + "/out"},
                {"outputs", {"n:eg"}}});
  ASSERT_EQ(reply["outputs"].size(), 1u);
  EXPECT_EQ(reply["outputs"][0]["path"], dir + "/out/n_eg.npy");  // sanitized file name
  EXPECT_FALSE(std::filesystem::exists(dir + "/out/r.npy"));
  EXPECT_EQ(read_npy(dir + "/out/n_eg.npy").as<float>()[1], 2.0f);
}

// ONNX's own conformance cases (Debian's libonnx-testdata): inputs and expected outputs as .pb.
class OrtRunnerConformance : public OrtRunnerTest,
                             public ::testing::WithParamInterface<const char*> {};

TEST_P(OrtRunnerConformance, GivesOnnxsExpectedOutputs) {
  const std::string node = std::string("/usr/share/libonnx-testdata/data/node/") + GetParam();
  OrtRunner runner;
  runner.load(node + "/model.onnx");
  json inputs = json::object();
  // Input names come from the model: the .pb files carry them.
  for (int i = 0;
       std::filesystem::exists(node + "/test_data_set_0/input_" + std::to_string(i) + ".pb"); ++i) {
    const NamedTensor t =
        read_tensor_pb(node + "/test_data_set_0/input_" + std::to_string(i) + ".pb");
    inputs[t.name] = npy_file(t.tensor, "in" + std::to_string(i) + ".npy");
  }
  const json reply = runner.request("infer", {{"inputs", inputs}, {"output_dir", dir + "/out"}});
  for (std::size_t i = 0; i < reply["outputs"].size(); ++i) {
    const Tensor expected =
        read_tensor_pb(node + "/test_data_set_0/output_" + std::to_string(i) + ".pb").tensor;
    const Tensor actual = read_npy(reply["outputs"][i]["path"]);
    ASSERT_EQ(actual.dtype, expected.dtype);
    ASSERT_EQ(actual.shape, expected.shape);
    for (std::int64_t k = 0; k < actual.element_count(); ++k)
      EXPECT_NEAR(element_value(actual, k), element_value(expected, k), 1e-4) << k;
  }
}

INSTANTIATE_TEST_SUITE_P(Nodes, OrtRunnerConformance,
                         ::testing::Values("test_conv_with_strides_padding", "test_gather_0",
                                           "test_argmax_default_axis_example", "test_and_bcast3v1d",
                                           "test_cast_FLOAT_to_FLOAT16"));

}  // namespace
}  // namespace onnxbench::testing
