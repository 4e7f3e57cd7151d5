#include "graph/shapes.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <unordered_set>

#include "graph/loader.h"

namespace onnxbench::model {

std::string infer_shapes(onnx::ModelProto& model) {
  if (!onnx_library_knows(model))
    return "not run: this build of ONNX does not know the model's IR or opset (shapes come only "
           "from the model's value_info)";
  try {
    onnx::ShapeInferenceOptions options(/*check_type=*/false, /*error_mode=*/0,
                                        /*enable_data_propagation=*/true);
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception& e) {
    std::string message = e.what();
    if (const auto eol = message.find('\n'); eol != std::string::npos) message.resize(eol);
    return message.empty() ? "shape inference failed" : message;
  }
  return "";
}

std::unordered_map<std::string, Dims> value_shapes(const onnx::GraphProto& g) {
  std::unordered_map<std::string, Dims> shapes;
  for (const auto& t : g.initializer()) shapes[t.name()] = Dims(t.dims().begin(), t.dims().end());
  auto remember = [&](const onnx::ValueInfoProto& v) {
    if (auto d = dims_of_type(v.type())) shapes[v.name()] = std::move(*d);
  };
  for (const auto& v : g.input()) remember(v);
  for (const auto& v : g.value_info()) remember(v);
  for (const auto& v : g.output()) remember(v);
  // Constant nodes carry their shape in the tensor attribute.
  for (const auto& n : g.node())
    if (n.op_type() == "Constant" && n.output_size() == 1 && !shapes.count(n.output(0)))
      for (const auto& a : n.attribute())
        if (a.name() == "value" && a.has_t())
          shapes[n.output(0)] = Dims(a.t().dims().begin(), a.t().dims().end());
  return shapes;
}

std::vector<const onnx::ValueInfoProto*> fed_inputs(const onnx::GraphProto& g) {
  std::unordered_set<std::string> initializers;
  for (const auto& t : g.initializer()) initializers.insert(t.name());
  std::vector<const onnx::ValueInfoProto*> inputs;
  for (const auto& v : g.input())
    if (!initializers.count(v.name())) inputs.push_back(&v);
  return inputs;
}

}  // namespace onnxbench::model
