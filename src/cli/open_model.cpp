#include "cli/open_model.h"

#include <iostream>

#include "bench/engine_shapes.h"
#include "core/error.h"

namespace onnxbench::cli {

model::LoadedModel open_model(const std::string& path, const model::LoadLimits& limits) {
  model::LoadedModel loaded = model::load_model(path, limits);
  for (const auto& note : loaded.notes)
    std::cerr << "onnxbench: note: " << path << ": " << note << "\n";
  return loaded;
}

std::string add_shapes_if_needed(model::LoadedModel& loaded, const InputRequest& request,
                                 const RunnerLimits& limits) {
  if (model::onnx_library_knows(loaded.proto)) return "";
  try {
    const EngineShapes shapes = add_engine_shapes(loaded.proto, request, limits);
    const std::string source = "a run on " + shapes.engine + " with inputs " + shapes.inputs;
    std::cerr << "onnxbench: note: " << loaded.path << ": shapes of " << shapes.values
              << " tensors come from " << source << " (static shape inference cannot run)\n";
    return source;
  } catch (const Error& e) {  // an input it cannot make, or the engine refused the model
    std::cerr << "onnxbench: note: " << loaded.path
              << ": shapes unknown (static shape inference cannot run, and an engine run could "
                 "not give them): "
              << e.what() << "\n";
    return std::string("none: ") + e.what();
  }
}

}  // namespace onnxbench::cli
