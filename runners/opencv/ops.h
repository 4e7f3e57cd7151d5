// The `infer`, `bench` and `profile` operations on OpenCV DNN.
#pragma once

#include "common/protocol.h"
#include "session.h"

namespace onnxbench::runner::opencv {

// Writes one .npy per requested tensor (graph outputs by default; any other tensor of the graph
// through a second net that exposes it as an extra graph output). Throws RunnerError.
json run_infer(Model& model, const json& request);

// Timed requests on every instance (common/bench_loop), stages set_input and forward.
json run_bench(const json& id, Model& model, const json& request);

// Per-layer times from cv::dnn::Net::getPerfProfile. Sends progress events for `id`.
json run_profile(const json& id, Model& model, const json& request);

}  // namespace onnxbench::runner::opencv
