// Per-layer quantization sensitivity and a mixed-precision suggestion. A layer is a node with
// weights (Conv, ConvTranspose, Gemm, MatMul by a constant), with the Relu or Clip that quantize
// folds into it (quant/layers.h): the two are quantized, or kept in float, together. For each, the
// output SQNR against the float model with only that layer quantized, and with every layer but
// that one quantized; then the fewest layers to keep in float, most sensitive first, for the whole
// model to reach a target output SQNR.
#pragma once

#include <onnx/onnx_pb.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "quant/qdq_rewrite.h"

namespace onnxbench::quant {

// The output SQNR (dB) of a candidate model against the float model, on fixed inputs.
using OutputSqnr = std::function<double(const onnx::ModelProto& candidate)>;
// Called after each evaluation: what was evaluated, how many so far, of how many at most.
using SensitivityProgress =
    std::function<void(const std::string& what, std::size_t done, std::size_t total)>;

struct LayerSensitivity {
  std::string node, op_type;
  double only_this_db = 0;     // only this layer quantized
  double all_but_this_db = 0;  // every layer quantized but this one
};

struct SensitivityResult {
  double all_quantized_db = 0;
  std::vector<LayerSensitivity> layers;  // most sensitive first (lowest only_this_db)
  std::vector<std::string> kept_float;   // the suggestion, in the order added
  double mixed_db = 0;                   // output SQNR with kept_float in float
  bool target_reached = false;
  onnx::ModelProto mixed;  // the quantized model with kept_float in float
};

// Each weighted layer's label (model::node_label) with the label of the Relu or Clip that the
// rewrite folds into it (quant/layers.h), if any: the nodes quantized, or kept in float, together.
std::map<std::string, std::set<std::string>> layer_groups(
    const onnx::ModelProto& model, const std::map<std::string, Range>& ranges,
    const QdqOptions& options);

// The labels (model::node_label) of the nodes the rewrite would quantize with weights.
std::vector<std::string> weighted_layers(const onnx::ModelProto& model);

// `options` are the base QDQ options (float_nodes in them stay float throughout). Evaluations:
// one for the fully quantized model, two per layer, then one per layer added to the suggestion.
SensitivityResult analyze_sensitivity(const onnx::ModelProto& float_model,
                                      const std::map<std::string, Range>& ranges,
                                      const QdqOptions& options, double target_db,
                                      const OutputSqnr& evaluate,
                                      const SensitivityProgress& progress = {});

}  // namespace onnxbench::quant
