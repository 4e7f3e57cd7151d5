// Models of opsets newer than Debian's ONNX library (1.12: opset 17, IR 8) knows, built the same
// way for each opset, with ops whose current form that library does not know: ReduceMean takes
// its axes as an input since opset 18 (its opset-13 inference would reduce every axis) and Split
// its number of outputs as an attribute.
#pragma once

#include <cstdint>

#include "core/tensor.h"
#include "graph/builder.h"

namespace onnxbench::testing {

struct NewerOpset {
  std::int64_t opset, ir_version;
};
// Opset 18 (IR 8, as ONNX 1.13 wrote it), 19 (IR 9) and 21 (IR 10).
inline const NewerOpset kNewerOpsets[] = {{18, 8}, {19, 9}, {21, 10}};

// x [N,3,16,16] / 255 -> Conv "conv" (8, 3x3, pads 1) -> Relu -> Split "split" (axis 1, 2
// outputs) -> Add -> ReduceMean "mean" (axes input [2,3], keepdims 0) -> m [N,4] -> Gemm "fc"
// (5) -> y [N,5]. Seeded weights.
inline onnx::ModelProto newer_opset_model(const NewerOpset& version) {
  using model::attr_int;
  using model::attr_ints;
  Tensor scale(DType::kFloat32, {});
  *scale.as<float>() = 255.0f;
  Tensor axes(DType::kInt64, {2});
  axes.as<std::int64_t>()[0] = 2;
  axes.as<std::int64_t>()[1] = 3;
  model::ModelBuilder b(version.opset);
  b.input("x", DType::kFloat32, {"N", 3, 16, 16})
      .initializer("scale", scale)
      .node("Div", {"x", "scale"}, {"xs"})
      .random_initializer("w", {8, 3, 3, 3}, 3, 0.5f)
      .random_initializer("b", {8}, 4, 0.1f)
      .node("Conv", {"xs", "w", "b"}, {"c"},
            {attr_ints("kernel_shape", {3, 3}), attr_ints("pads", {1, 1, 1, 1})}, "conv")
      .node("Relu", {"c"}, {"r"})
      .node("Split", {"r"}, {"s0", "s1"}, {attr_int("axis", 1), attr_int("num_outputs", 2)},
            "split")
      .node("Add", {"s0", "s1"}, {"a"})
      .initializer("axes", axes)
      .node("ReduceMean", {"a", "axes"}, {"m"}, {attr_int("keepdims", 0)}, "mean")
      .random_initializer("fc_w", {4, 5}, 5, 0.5f)
      .random_initializer("fc_b", {5}, 6, 0.1f)
      .node("Gemm", {"m", "fc_w", "fc_b"}, {"y"}, {}, "fc")
      .output("y", DType::kFloat32, {"N", 5});
  onnx::ModelProto m = b.build();
  m.set_ir_version(version.ir_version);
  return m;
}

}  // namespace onnxbench::testing
