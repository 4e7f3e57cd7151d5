// What an engine needs done to a model before it can load it, done in a temporary copy: OpenCV's
// importer rejects the no-op and constant-subgraph nodes every raw torch export carries
// (Identity, Constant, shape arithmetic), so for it the simplify pass runs first. The user's file
// is never changed; the record names what was done (model.prepared).
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "bench/plan.h"

namespace onnxbench {

// Rewrites `model` for `engine` when that engine needs it: writes the prepared copy into
// `work_dir` and points model.load_path at it, and says what was done in model.prepared (one
// line). Leaves `model` as it is when nothing needs changing or the copy cannot be made.
void prepare_for_engine(ModelUnderTest& model, const onnx::ModelProto& proto,
                        const std::string& engine, const std::string& work_dir);

}  // namespace onnxbench
