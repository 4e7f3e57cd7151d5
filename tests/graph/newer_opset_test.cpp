// A model of an opset this build of ONNX does not know: its older schemas would infer wrong
// shapes, so static inference does not run, and only the structural checks apply.
#include <gtest/gtest.h>

#include "graph/loader.h"
#include "graph/model_check.h"
#include "graph/shapes.h"
#include "support/model_test_util.h"
#include "support/newer_opset_models.h"

namespace onnxbench::model {
namespace {

using onnxbench::testing::contains;
using onnxbench::testing::kNewerOpsets;
using onnxbench::testing::newer_opset_model;

TEST(NewerOpset, TheLibraryKnowsOpset17AndIr8NotLater) {
  ModelBuilder b(17);
  EXPECT_TRUE(onnx_library_knows(b.build()));
  for (const auto& v : kNewerOpsets) EXPECT_FALSE(onnx_library_knows(newer_opset_model(v)));
  onnx::ModelProto ir9 = b.build();
  ir9.set_ir_version(9);
  EXPECT_FALSE(onnx_library_knows(ir9));
  // A domain the library has no schemas for is the engine's to judge, at any version.
  b.opset("com.example", 99);
  EXPECT_TRUE(onnx_library_knows(b.build()));
}

TEST(NewerOpset, StaticInferenceDoesNotRunAndSaysSo) {
  onnx::ModelProto m = newer_opset_model(kNewerOpsets[0]);
  const onnx::ModelProto before = m;
  EXPECT_TRUE(contains(infer_shapes(m), "not run"));
  EXPECT_EQ(m.SerializeAsString(), before.SerializeAsString()) << "no opset-13 ReduceMean shapes";
}

TEST(NewerOpset, OnlyTheStructuralChecksApply) {
  for (const auto& v : kNewerOpsets) EXPECT_EQ(model_problem(newer_opset_model(v)), "");
  onnx::ModelProto broken = newer_opset_model(kNewerOpsets[1]);
  broken.mutable_graph()->mutable_node(3)->set_input(0, "nowhere");
  EXPECT_TRUE(contains(model_problem(broken), "fails the structural checks: "))
      << model_problem(broken);
  EXPECT_TRUE(contains(model_problem(broken), "nowhere")) << model_problem(broken);
}

}  // namespace
}  // namespace onnxbench::model
