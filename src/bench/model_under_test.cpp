#include "bench/model_under_test.h"

#include "core/error.h"
#include "graph/dims.h"
#include "graph/shapes.h"

namespace onnxbench {

ModelUnderTest model_under_test(const model::LoadedModel& loaded) {
  ModelUnderTest m;
  m.path = loaded.path;
  m.sha256 = loaded.sha256;
  const auto& graph = loaded.proto.graph();
  for (const auto* input : model::fed_inputs(graph)) {
    const auto dims = model::dims_of_type(input->type());
    if (!dims)
      throw InputError(loaded.path + ": graph input '" + input->name() +
                       "' is not a tensor of known rank, which onnxbench cannot feed");
    m.inputs.push_back(
        {input->name(), model::onnx_type_name(input->type().tensor_type().elem_type()), *dims});
  }
  for (const auto& output : graph.output()) m.outputs.push_back(output.name());
  return m;
}

}  // namespace onnxbench
