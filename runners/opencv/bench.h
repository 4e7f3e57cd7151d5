// The `bench` operation: timed requests on every instance, in parallel.
#pragma once

#include "protocol.h"
#include "session.h"

namespace onnxbench::opencv_runner {

// Sends progress and samples events for request `id`, then returns the final reply's results.
// Throws RunnerError.
json run_bench(const json& id, Model& model, const json& request);

}  // namespace onnxbench::opencv_runner
