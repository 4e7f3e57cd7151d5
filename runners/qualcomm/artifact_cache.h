// Prepared models (DLC, quantized DLC, Cloud AI 100 program) kept by the model's sha256 and the
// flags that made them, so that a second load with the same flags converts nothing.
// The folder is ONNXBENCH_QUALCOMM_CACHE, else $XDG_CACHE_HOME/onnxbench/qualcomm, else
// ~/.cache/onnxbench/qualcomm.
#pragma once

#include <functional>
#include <string>

namespace onnxbench::qualcomm_runner {

// The folder of the artifact for (model sha256, flags). When it is not complete yet, `make` fills
// a fresh folder, which then takes the artifact's place in one rename, so that an interrupted
// preparation never leaves a half artifact behind.
std::string prepared_artifact(const std::string& model_sha256, const std::string& flags,
                              const std::function<void(const std::string& folder)>& make);

}  // namespace onnxbench::qualcomm_runner
