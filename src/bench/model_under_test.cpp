#include "bench/model_under_test.h"

#include "core/error.h"
#include "graph/dims.h"
#include "graph/shapes.h"

namespace onnxbench {

std::vector<InputSpec> input_specs(const onnx::ModelProto& model, const std::string& name) {
  std::vector<InputSpec> specs;
  for (const auto* input : model::fed_inputs(model.graph())) {
    const auto dims = model::dims_of_type(input->type());
    if (!dims)
      throw InputError(name + ": graph input '" + input->name() +
                       "' is not a tensor of known rank, which onnxbench cannot feed");
    specs.push_back(
        {input->name(), model::onnx_type_name(input->type().tensor_type().elem_type()), *dims});
  }
  return specs;
}

ModelUnderTest model_under_test(const model::LoadedModel& loaded) {
  ModelUnderTest m;
  m.path = loaded.path;
  m.sha256 = loaded.sha256;
  m.inputs = input_specs(loaded.proto, loaded.path);
  for (const auto& output : loaded.proto.graph().output()) m.outputs.push_back(output.name());
  return m;
}

}  // namespace onnxbench
