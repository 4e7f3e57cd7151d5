// The `infer`, `bench` and `profile` operations on ONNX Runtime.
#pragma once

#include "common/protocol.h"
#include "model.h"

namespace onnxbench::runner::ort {

// One inference on instance 0; one .npy per requested graph output. Throws RunnerError.
json run_infer(Model& model, const json& request);

// Timed requests on every instance (common/bench_loop), stages queue and run. Inputs and outputs
// are bound once per instance (IoBinding); outputs of a static shape are allocated once.
json run_bench(const json& id, Model& model, const json& request);

// Per-node times from ONNX Runtime's profiler, on a session of its own. Sends progress events.
json run_profile(const json& id, Model& model, const json& request);

}  // namespace onnxbench::runner::ort
