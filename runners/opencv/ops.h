// The `infer` and `profile` operations, both on instance 0.
#pragma once

#include "protocol.h"
#include "session.h"

namespace onnxbench::opencv_runner {

// Writes one .npy per requested tensor (graph outputs by default; any other tensor of the graph
// through a second net that exposes it as an extra graph output). Throws RunnerError.
json run_infer(Model& model, const json& request);

// Per-layer times from cv::dnn::Net::getPerfProfile. Sends progress events for `id`.
json run_profile(const json& id, Model& model, const json& request);

}  // namespace onnxbench::opencv_runner
