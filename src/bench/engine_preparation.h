// What an engine needs done to a model before it can load it, done in a temporary copy: OpenCV's
// importer rejects the no-op and constant-subgraph nodes every raw torch export carries
// (Identity, Constant, shape arithmetic), so for it the simplify pass runs first. The user's file
// is never changed; the record names what was done (model.prepared). Every command hands its
// models to an engine through load_into_engine, so each gets the same preparation.
#pragma once

#include <onnx/onnx_pb.h>

#include <nlohmann/json.hpp>
#include <string>

#include "bench/plan.h"
#include "engines/engine.h"

namespace onnxbench {

// Rewrites `proto` in place for `engine` when that engine needs it; returns what was done (one
// line), "" when nothing was.
std::string prepare_proto_for_engine(onnx::ModelProto& proto, const std::string& engine);

// Rewrites `model` for `engine` when that engine needs it: writes the prepared copy into
// `work_dir` and points model.load_path at it, and says what was done in model.prepared (one
// line). Leaves `model` as it is when nothing needs changing or the copy cannot be made. Either
// way model.prepared_for becomes `engine`.
void prepare_for_engine(ModelUnderTest& model, const onnx::ModelProto& proto,
                        const std::string& engine, const std::string& work_dir);

// Loads `model` into `engine`, prepared for it first where the caller has not done so (the model
// file is read again then). Returns the engine's load time in ms; an engine's error names the
// user's file, not the copy.
double load_into_engine(Engine& engine, ModelUnderTest& model, int instances,
                        const nlohmann::json& options);

}  // namespace onnxbench
