// Runs a model over a data set on an engine, as a pipeline: worker threads decode and preprocess
// the next batches (a bounded queue, handed out in order) while the engine works on the current
// one, and another thread post-processes the outputs, so the data pipeline is never in the
// engine's timed call and the engine is never idle waiting for it. Outputs come from the engine,
// or from files computed elsewhere (--from-outputs), and become Predictions per sample.
#pragma once

#include <functional>

#include "data/inputs.h"
#include "engines/engine.h"
#include "eval/dataset.h"
#include "eval/evaluation.h"
#include "eval/output_files.h"
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

// Where the outputs come from: the engine, or each sample's files in `from_dir`; `dump_dir`, when
// set, keeps every sample's outputs there (the same layout).
struct OutputSource {
  Engine* engine = nullptr;
  std::string from_dir;
  RawShapes raw_shapes;
  std::string dump_dir;
};

// Checks up front that --from-outputs has a folder for every sample. Throws InputError.
void check_output_folders(const OutputSource& source, const Dataset& d);

Predictions run_eval(const OutputSource& source, const InputPlan& input, const Dataset& d,
                     const EvalOptions& o, const EvalProgress& progress, EvalTiming* timing);

}  // namespace onnxbench::eval
