// Runs a model over a data set on an engine: a producer thread decodes and preprocesses the next
// batches (a bounded queue) while the engine works on the current one, so the data pipeline is
// never in the engine's timed call. Outputs are post-processed per sample into Predictions.
#pragma once

#include <functional>

#include "data/inputs.h"
#include "engines/engine.h"
#include "eval/dataset.h"
#include "eval/evaluation.h"
#include "eval/preprocess.h"
#include "eval/yolo_decode.h"

namespace onnxbench::eval {

struct EvalOptions {
  std::int64_t batch = 1;
  PreprocessSpec preprocess;
  std::int64_t label_offset = 0;  // model class = label + offset (1 for 1001-class models)
  std::int64_t ignore_label = 255;
  YoloOptions yolo;
};

struct EvalTiming {
  double wall_s = 0;    // the whole run, data pipeline included
  double engine_s = 0;  // inside the engine calls, as seen from here
  std::size_t samples = 0;
};

using EvalProgress = std::function<void(std::size_t done, std::size_t total)>;

// The input the data feeds, checked against the preprocessing and the data set up front:
// throws InputError naming the input, its shape and what the preprocessing gives.
struct InputPlan {
  std::string name;
  std::int64_t channels = 0, height = 0, width = 0;
  Shape sample_shape;  // one sample, without the batch dimension
  DType dtype = DType::kFloat32;
};
InputPlan plan_input(const std::vector<InputSpec>& inputs, const Dataset& d, const EvalOptions& o);

Predictions run_eval(Engine& engine, const InputPlan& input, const Dataset& d, const EvalOptions& o,
                     const EvalProgress& progress, EvalTiming* timing);

}  // namespace onnxbench::eval
