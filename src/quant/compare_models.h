// Two models run side by side on the same inputs with every intermediate tensor exposed, and each
// tensor of the reference compared with the candidate's tensor that stands for it: the same name,
// or, in a QDQ model, the DequantizeLinear output of that tensor's QuantizeLinear.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <string>
#include <vector>

#include "core/tensor_compare.h"
#include "data/sample_set.h"
#include "engines/engine.h"
#include "quant/collect.h"

namespace onnxbench::quant {

struct TensorComparison {
  std::string name;            // in the reference
  std::string candidate_name;  // what stands for it in the candidate
  std::string op_type;         // of the reference node that produces it ("input" for inputs)
  bool is_output = false;      // a graph output of the reference
  TensorAgreement agreement;
};

struct ModelComparison {
  std::vector<TensorComparison> tensors;  // worst first: lowest SQNR, then lowest cosine
  std::size_t samples = 0;
  std::size_t unmatched = 0;  // reference tensors the candidate has nothing for
};

// For each tensor name of `candidate`'s graph: the reference tensor it stands for. A
// DequantizeLinear fed by a QuantizeLinear of X stands for X; any other tensor for its own name.
std::map<std::string, std::string> standing_for(const onnx::ModelProto& candidate);

// Runs both models over `set` (prepared against `inputs`, the reference's graph inputs) on the
// two engines, which must be distinct. Tensors compared: every float node output and graph output
// of the reference that the candidate has. Intermediate tensors come from both models with every
// tensor exposed; graph outputs from a second run of the models as given, since exposing stops
// an engine fusing nodes and so changes the outputs (issue 22).
ModelComparison compare_models(const onnx::ModelProto& reference, const onnx::ModelProto& candidate,
                               const std::vector<InputSpec>& inputs, const CalibrationSet& set,
                               Engine& reference_engine, Engine& candidate_engine,
                               const CalibrationProgress& progress = {});

}  // namespace onnxbench::quant
