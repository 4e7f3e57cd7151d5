#include "cli/open_model.h"

#include <iostream>

namespace onnxbench::cli {

model::LoadedModel open_model(const std::string& path, const model::LoadLimits& limits) {
  model::LoadedModel loaded = model::load_model(path, limits);
  for (const auto& note : loaded.notes)
    std::cerr << "onnxbench: note: " << path << ": " << note << "\n";
  return loaded;
}

}  // namespace onnxbench::cli
