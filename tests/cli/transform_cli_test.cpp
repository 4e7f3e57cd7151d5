// onnxbench transform end to end: a chain of passes verified on ONNX Runtime, the pass list, and
// one-line errors for unknown passes, refusals and models that fail shape inference.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "graph/builder.h"
#include "graph/loader.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using model::attr_ints;
using testing::CliResult;
using testing::run_cli;

class TransformCli : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::scratch_dir(); }

  // x [N,3,16,16] / 255 -> Conv(8, 3x3, strides [1,2], pads 1) -> Relu -> y
  std::string scaled_conv() {
    Tensor scale(DType::kFloat32, {});
    *scale.as<float>() = 255.0f;
    model::ModelBuilder b;
    b.input("x", DType::kFloat32, {"N", 3, 16, 16})
        .initializer("scale", scale)
        .node("Div", {"x", "scale"}, {"scaled"})
        .random_initializer("w", {8, 3, 3, 3}, 5, 0.5f)
        .node("Conv", {"scaled", "w"}, {"c"},
              {attr_ints("strides", {1, 2}), attr_ints("pads", {1, 1, 1, 1})}, "conv")
        .node("Relu", {"c"}, {"y"})
        .output("y", DType::kFloat32, {"N", 8, 16, 8});
    return save(b.build(), "scaled_conv.onnx");
  }
  std::string save(const onnx::ModelProto& m, const std::string& name) {
    model::save_model(m, dir_ + "/" + name);
    return dir_ + "/" + name;
  }
  // Exit code 1, one line "onnxbench: error: ..." containing every fragment, nothing written.
  void expect_error(const std::string& args, const std::vector<std::string>& fragments) {
    EXPECT_TRUE(testing::is_one_line_error(run_cli(args), fragments));
    EXPECT_FALSE(fs::exists(dir_ + "/out.onnx"));
    EXPECT_FALSE(fs::exists(dir_ + "/out.onnx.tmp"));
  }
  std::string dir_;
};

TEST_F(TransformCli, AChainOfPassesVerifiesOnOnnxRuntime) {
  const std::string out = dir_ + "/out.onnx";
  const CliResult r = run_cli("transform " + scaled_conv() +
                              " --pass set-batch=2,div-to-mul --pass stride-removal,expose=c,scaled"
                              " -o " +
                              out + " --verify --tolerance 1e-5");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* line :
       {"set-batch=2\n", "  input dims set: 1\n", "div-to-mul\n", "  Div -> Mul: 1\n",
        "stride-removal\n", "  strided Conv -> Conv + Slice: 1\n", "expose=c,scaled\n",
        "  outputs added: 2\n", "verify on onnxruntime",
        "  y [2,8,16,8]: ", "(2 output(s) only in the transformed model, not compared)", "wrote "})
    EXPECT_NE(r.output.find(line), std::string::npos) << line << "\n" << r.output;
  const auto m = model::load_model(out).proto;
  EXPECT_EQ(m.graph().input(0).type().tensor_type().shape().dim(0).dim_value(), 2);
  EXPECT_EQ(m.graph().output_size(), 3);
  EXPECT_FALSE(fs::exists(out + ".tmp"));
}

TEST_F(TransformCli, FusedAndFloat16IoVerifiesWithInputsConverted) {
  const std::string out = dir_ + "/out.onnx";
  const CliResult r =
      run_cli("transform " + scaled_conv() + " --pass fuse-affine-into-conv,fp16-io -o " + out +
              " --verify --tolerance 1e-3");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* line : {"fuse-affine-into-conv\n", "  Div before Conv folded: 1\n", "fp16-io\n",
                           "  y [1,8,16,8]: ", "wrote "})
    EXPECT_NE(r.output.find(line), std::string::npos) << line << "\n" << r.output;
  const auto m = model::load_model(out).proto;
  EXPECT_EQ(m.graph().input(0).type().tensor_type().elem_type(),
            onnx::TensorProto_DataType_FLOAT16);
  EXPECT_EQ(m.graph().output(0).type().tensor_type().elem_type(),
            onnx::TensorProto_DataType_FLOAT16);
}

TEST_F(TransformCli, Float16VerifiesWithinItsOwnDefaultTolerance) {
  const CliResult r =
      run_cli("transform " + scaled_conv() + " --pass fp16 -o " + dir_ + "/out.onnx --verify");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("atol 0.001 + rtol 0.01 x |original| per element, cosine >= 0.999"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find(": ok\n"), std::string::npos) << r.output;
}

TEST_F(TransformCli, FailedVerificationWritesNothing) {
  const CliResult r = run_cli("transform " + scaled_conv() + " --pass div-to-mul -o " + dir_ +
                              "/out.onnx --verify --tolerance 0 --rtol 0");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("over the tolerance"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("onnxbench: error: verification failed"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir_ + "/out.onnx"));
  EXPECT_FALSE(fs::exists(dir_ + "/out.onnx.tmp"));
}

TEST_F(TransformCli, UnknownPassIsRefusedWithTheKnownOnes) {
  expect_error("transform " + scaled_conv() + " --pass set-batch=2,fold -o " + dir_ + "/out.onnx",
               {"unknown pass 'fold'",
                "known passes: set-batch, set-dims, expose, div-to-mul, "
                "stride-removal"});
}

TEST_F(TransformCli, APassThatCannotApplySaysWhy) {
  expect_error("transform " + scaled_conv() + " --pass set-dims=seq=4 -o " + dir_ + "/out.onnx",
               {"scaled_conv.onnx: set-dims: no dimension is named 'seq' (its symbols: N)"});
}

TEST_F(TransformCli, APassWithNothingToDoIsANoChangeInAChain) {
  const std::string model = scaled_conv();
  // Alone, a pass with nothing to do is refused; in a chain it reports "no change".
  const std::string out = dir_ + "/mul.onnx";
  ASSERT_EQ(run_cli("transform " + model + " --pass div-to-mul -o " + out).exit_code, 0);
  expect_error("transform " + out + " --pass div-to-mul -o " + dir_ + "/out.onnx",
               {"div-to-mul: nothing to rewrite"});
  const CliResult r =
      run_cli("transform " + out + " --pass div-to-mul,set-batch=2 -o " + dir_ + "/b2.onnx");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("note: no change: div-to-mul: nothing to rewrite"), std::string::npos)
      << r.output;
  EXPECT_EQ(model::load_model(dir_ + "/b2.onnx")
                .proto.graph()
                .input(0)
                .type()
                .tensor_type()
                .shape()
                .dim(0)
                .dim_value(),
            2);
}

TEST_F(TransformCli, OutputPathsAreCheckedBeforeAnyWork) {
  const std::string model = scaled_conv();
  expect_error("transform " + model + " --pass div-to-mul -o " + model,
               {"--out " + model, "is the input model"});
  expect_error("transform " + model + " --pass div-to-mul -o " + dir_ + "/no/such/out.onnx",
               {"--out " + dir_ + "/no/such/out.onnx", "does not exist"});
  expect_error("transform " + model + " --pass div-to-mul -o " + dir_,
               {"--out " + dir_, "is a folder"});
}

TEST_F(TransformCli, AModelThatFailsShapeInferenceIsAClearError) {
  model::ModelBuilder b;
  b.input("x", DType::kFloat32, {2, 3})
      .random_initializer("w", {4, 5}, 1)
      .node("MatMul", {"x", "w"}, {"y"}, {}, "mismatched_matmul")
      .output("y", DType::kFloat32);
  const std::string path = save(b.build(), "bad.onnx");
  // Loading runs the checker, so the model is refused before any pass (run_passes' own refusal
  // is covered by RunPasses.RefusesAModelThatFailsShapeInference).
  expect_error("transform " + path + " --pass expose=all -o " + dir_ + "/out.onnx",
               {"bad.onnx: fails ONNX shape inference: ", "mismatched_matmul"});
}

TEST_F(TransformCli, ListsThePassesAndDocumentsTheSyntax) {
  const CliResult list = run_cli("transform --list");
  ASSERT_EQ(list.exit_code, 0) << list.output;
  for (const char* usage : {"set-batch=N ", "set-dims=NAME=V[,NAME=V...] ",
                            "expose=TENSOR[,TENSOR...]|all ", "div-to-mul ", "stride-removal "})
    EXPECT_NE(list.output.find(usage), std::string::npos) << usage << "\n" << list.output;
  const CliResult help = run_cli("transform --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--pass set-dims=N=4,seq=128,div-to-mul"), std::string::npos)
      << help.output;
  expect_error("transform " + scaled_conv(), {"transform needs MODEL, --pass and -o OUT"});
}

}  // namespace
}  // namespace onnxbench
