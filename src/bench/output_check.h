// Checks an engine's outputs: against reference tensors (an ONNX test-data folder's output_*.pb,
// as `run --expect` compares them, with core/tensor_compare.h) and against what the model
// declares for them.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "core/tensor.h"
#include "core/tensor_compare.h"
#include "engines/engine.h"

namespace onnxbench {

// Compares `outputs` (in the model's order) with the output_*.pb files of `dir`, matched by the
// tensors' names where they carry the outputs' names, else in order. Throws InputError when the
// folder has no output_*.pb or a different count.
std::vector<OutputVerdict> check_expected(const std::vector<OutputFile>& outputs,
                                          const std::string& dir, const Tolerance& tolerance);

// One line per output whose dtype or shape differs from the model's declaration (symbolic
// dimensions match anything): "output 'y' is float32 [1,1,97,97]; the model declares float64
// [1,1,43,25]". Empty when all agree.
std::vector<std::string> declaration_mismatches(const std::vector<OutputFile>& outputs,
                                                const onnx::GraphProto& graph);

}  // namespace onnxbench
