// Loading a model for a command: the graph room's checks, with what could not be checked printed
// as notes on stderr (one place, so every command says the same).
#pragma once

#include <string>

#include "data/inputs.h"
#include "engines/runner_client.h"
#include "graph/loader.h"

namespace onnxbench::cli {

model::LoadedModel open_model(const std::string& path, const model::LoadLimits& limits = {});

// Where this build of ONNX cannot infer the model's shapes (a newer IR or opset), ONNX Runtime
// runs it once and its shapes go into the model (bench/engine_shapes.h); a note on stderr says so.
// Returns where the shapes came from ("" when static inference applies). An engine that cannot
// run the model leaves the shapes unknown, with a note saying why: the command goes on.
std::string add_shapes_if_needed(model::LoadedModel& loaded, const InputRequest& request,
                                 const RunnerLimits& limits);

}  // namespace onnxbench::cli
