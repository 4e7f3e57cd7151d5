// Loading a model for a command: the graph room's checks, with what could not be checked printed
// as notes on stderr (one place, so every command says the same).
#pragma once

#include <string>

#include "graph/loader.h"

namespace onnxbench::cli {

model::LoadedModel open_model(const std::string& path, const model::LoadLimits& limits = {});

}  // namespace onnxbench::cli
