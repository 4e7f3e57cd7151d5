// A stored record as users see it (issue 22): its model under the name it was submitted with,
// not the worker's temporary file (input-37009a441e225d47.onnx), and a record of an artifact
// made from the model (the int8 model of a quantize stage) as a precision of that parent model.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace onnxbench::store {

// Sets body.model.name to `name` and, when the record measured an artifact of the submitted
// model `model_sha256` (body.model.sha256 differs), body.model.parent_sha256 to it. Leaves a body
// without a model object as it is.
void name_record(nlohmann::json& body, const std::string& model_sha256, const std::string& name);

// The precision of an artifact made by the stage whose command is `producer` (a quantize stage:
// "int8"); "" when it cannot tell.
std::string artifact_precision(const nlohmann::json& producer);

// A record's precision as users see it: "int8", with " (random calibration data)" after it when
// the record rests on a model quantized with random calibration data (body.random_calibration,
// set by the fleet's worker); "" when the record names no precision.
std::string precision_label(const nlohmann::json& body);

// name_record for a record filed under `model_sha256`, its name looked up in `names` (sha256 ->
// name); records of models not submitted are left as they are.
void name_record(nlohmann::json& body, const std::string& model_sha256,
                 const std::map<std::string, std::string>& names);

}  // namespace onnxbench::store
