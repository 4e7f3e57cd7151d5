// The pass registry, the pass-list syntax and running a chain with its checks.
#include <gtest/gtest.h>

#include "graph/builder.h"
#include "passes/pass_registry.h"
#include "passes/passes.h"
#include "passes/transform.h"
#include "support/model_test_util.h"

namespace onnxbench::model {
namespace {

using testing::contains;
using testing::input_error_of;

std::vector<std::string> texts(const std::vector<PassRequest>& requests) {
  std::vector<std::string> out;
  for (const auto& r : requests) out.push_back(r.name + "|" + r.parameter);
  return out;
}

TEST(PassList, CommasSeparatePassesAndContinueListParameters) {
  EXPECT_EQ(texts(parse_pass_list("set-batch=1,expose=all")),
            (std::vector<std::string>{"set-batch|1", "expose|all"}));
  EXPECT_EQ(texts(parse_pass_list("set-dims=N=4,seq=128,div-to-mul")),
            (std::vector<std::string>{"set-dims|N=4,seq=128", "div-to-mul|"}));
  EXPECT_EQ(texts(parse_pass_list("expose=a,b,stride-removal")),
            (std::vector<std::string>{"expose|a,b", "stride-removal|"}));
}

TEST(PassList, UnknownPassesAndEmptyEntriesAreRefused) {
  const std::string known =
      "(known passes: set-batch, set-dims, expose, div-to-mul, stride-removal, "
      "fuse-affine-into-conv, fp16, fp16-io, simplify)";
  EXPECT_EQ(input_error_of([] { parse_pass_list("fold-constants"); }),
            "unknown pass 'fold-constants' " + known);
  // set-batch takes one value, so what follows its comma must be a pass.
  EXPECT_EQ(input_error_of([] { parse_pass_list("set-batch=1,exposee=all"); }),
            "unknown pass 'exposee' " + known);
  EXPECT_TRUE(contains(input_error_of([] { parse_pass_list("div-to-mul,,expose=all"); }),
                       "has an empty entry"));
}

TEST(PassList, ParametersAreChecked) {
  auto make = [](const std::string& text) { return make_pass(parse_pass_list(text).at(0)); };
  EXPECT_EQ(input_error_of([&] { make("set-batch"); }), "set-batch needs a parameter: set-batch=N");
  EXPECT_EQ(input_error_of([&] { make("set-batch=four"); }),
            "set-batch=four: expected a batch size N >= 1");
  EXPECT_EQ(input_error_of([&] { make("div-to-mul=3"); }),
            "div-to-mul=3: div-to-mul takes no parameter");
  EXPECT_EQ(input_error_of([&] { make("set-dims=N"); }),
            "set-dims: 'N': expected NAME=V with V >= 1");
  EXPECT_EQ(input_error_of([&] { make("set-dims=N=2,N=3"); }),
            "set-dims: dimension 'N' is given twice");
  EXPECT_EQ(input_error_of([] {
              make_pass({"expose", "a,,b"});
            }),
            "expose=a,,b: empty tensor name");
}

TEST(PassRegistry, EveryPassIsMadeUnderItsOwnName) {
  const std::map<std::string, std::string> examples{
      {"set-batch", "2"}, {"set-dims", "N=2"}, {"expose", "all"}};
  for (const auto& info : pass_registry()) {
    const auto it = examples.find(info.name);
    const auto pass = make_pass({info.name, it == examples.end() ? "" : it->second});
    EXPECT_EQ(pass->name(), info.name);
    EXPECT_FALSE(info.description.empty());
  }
}

TEST(RunPasses, AppliesInOrderAndPrefixesRefusalsWithTheModel) {
  std::vector<std::unique_ptr<Pass>> passes;
  passes.push_back(set_batch_pass(3));
  passes.push_back(expose_pass({"relu1"}));
  onnx::ModelProto m = demo_cnn(1, true);
  const auto reports = run_passes(m, passes, "demo.onnx");
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[1].count("outputs added"), 1);
  EXPECT_EQ(dims_to_string(*dims_of_type(m.graph().output(1).type())), "[3,32,96,96]");

  std::vector<std::unique_ptr<Pass>> twice;
  twice.push_back(set_batch_pass(3));
  twice.push_back(set_batch_pass(5));
  onnx::ModelProto fresh = demo_cnn(1, true);
  EXPECT_EQ(input_error_of([&] { run_passes(fresh, twice, "demo.onnx"); }),
            "demo.onnx: set-batch: input 'input' has no batch dimension to set: its shape is "
            "[3,3,96,96], expected a symbolic first dimension");
}

TEST(RunPasses, RefusesAModelThatFailsShapeInference) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2, 3})
      .random_initializer("w", {4, 5}, 1)  // x has 3 columns, w 4 rows
      .node("MatMul", {"x", "w"}, {"y"}, {}, "mismatched")
      .output("y", DType::kFloat32);
  onnx::ModelProto m = b.build();
  const std::string message = input_error_of([&] { run_passes(m, {}, "bad.onnx"); });
  EXPECT_TRUE(contains(message, "bad.onnx: fails ONNX shape inference: "));
  EXPECT_TRUE(contains(message, "mismatched"));
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace onnxbench::model
