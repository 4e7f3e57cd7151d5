// Shapes where static inference cannot run. This build of ONNX (1.12) knows opsets up to 17 and IR
// up to 8; on a newer model its older schemas would infer wrong shapes, so inference does not run
// there (graph/shapes.h). Instead an engine (ONNX Runtime by default) runs the model once with
// every node output exposed, and the types and shapes it returns become the model's value_info,
// which inspection, the passes, quantization and comparison read as they read inferred shapes.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "data/inputs.h"
#include "engines/runner_client.h"

namespace onnxbench {

struct EngineShapes {
  std::string engine;
  std::string inputs;  // the input shapes of the (first) run: "x [1,3,16,16]"
  int values = 0;      // tensors given a type and shape
};

// Runs `model` on `engine` with seeded random inputs: a symbolic first dimension takes
// request.batch, other symbols request.dims, and any symbol without a size 1. When the inputs have
// symbolic dimensions it runs a second time with each symbol larger (by 1, 2, ... so that no two
// grow alike): a dimension that differs between the runs becomes the input symbol whose sizes it
// followed, or unknown, so that no size depending on the inputs is fixed by a run. Writes every
// node output's type and shape into value_info (replacing entries of the same name) and a shape
// into graph outputs that declare none. Throws EngineError (or RunnerError) when the engine cannot
// run the model, InputError for an input onnxbench cannot make.
EngineShapes add_engine_shapes(onnx::ModelProto& model, const InputRequest& request,
                               const RunnerLimits& limits,
                               const std::string& engine = "onnxruntime");

}  // namespace onnxbench
