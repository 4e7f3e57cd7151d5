// A model as a raw torch export writes it, small: x [1,4,3,3] -> Identity -> Clip(0, 6) with
// Constant bounds -> y. OpenCV 4.6's importer rejects it; simplified, it loads.
#pragma once

#include <string>

#include "core/tensor.h"
#include "graph/builder.h"

namespace onnxbench::testing {

// Writes it to DIR/relu6.onnx and returns that path.
inline std::string write_raw_export_model(const std::string& dir) {
  Tensor zero(DType::kFloat32, {}), six(DType::kFloat32, {});
  *six.as<float>() = 6.0f;
  model::ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 4, 3, 3})
      .node("Identity", {"x"}, {"copy"})
      .node("Constant", {}, {"low"}, {model::attr_tensor("value", zero)})
      .node("Constant", {}, {"high"}, {model::attr_tensor("value", six)})
      .node("Clip", {"copy", "low", "high"}, {"y"})
      .output("y", DType::kFloat32, {1, 4, 3, 3});
  model::save_model(b.build(), dir + "/relu6.onnx");
  return dir + "/relu6.onnx";
}

}  // namespace onnxbench::testing
