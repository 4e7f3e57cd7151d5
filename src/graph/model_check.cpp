#include "graph/model_check.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include "core/error.h"
#include "graph/loader.h"
#include "graph/structure_checks.h"

namespace onnxbench::model {
namespace {

// ONNX's messages run over several lines ("...\n\n==> Context: Bad node spec for node ...").
std::string one_line(const std::string& message) {
  std::string out;
  int more = 0;
  std::size_t begin = 0;
  while (begin <= message.size()) {
    std::size_t end = message.find('\n', begin);
    if (end == std::string::npos) end = message.size();
    const std::string line = message.substr(begin, end - begin);
    begin = end + 1;
    if (line.empty()) continue;
    if (out.empty())
      out = line;
    else if (line.rfind("==> Context: ", 0) == 0)
      out += " (" + line.substr(13) + ")";
    else
      ++more;
  }
  if (more) out += " (and " + std::to_string(more) + " more)";
  return out;
}

}  // namespace

std::string model_problem(const onnx::ModelProto& model) {
  if (!onnx_library_knows(model)) {
    try {
      check_model_structure(model, "model");
    } catch (const InputError& e) {
      return "fails the structural checks: " + std::string(e.what()).substr(7);  // "model: "
    }
    return "";
  }
  onnx::ModelProto inferred = model;
  try {
    onnx::ShapeInferenceOptions options(/*check_type=*/false, /*error_mode=*/1,
                                        /*enable_data_propagation=*/true);
    onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception& e) {
    return "fails ONNX shape inference: " + one_line(e.what());
  }
  // The checker wants every graph output typed and shaped, which inference has just done.
  try {
    onnx::checker::check_model(inferred);
  } catch (const std::exception& e) {
    return "fails the ONNX checker: " + one_line(e.what());
  }
  return "";
}

}  // namespace onnxbench::model
