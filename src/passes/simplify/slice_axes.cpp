// simplify: Slice axes counted from the end (-1) rewritten as counted from the front, when the
// input's rank is known. OpenCV 4.6 misreads a negative Slice axis: vit_b_16's attention splits
// q, k and v along axis -1, and each slice comes back as the whole [197,1,2304] tensor.
#include <algorithm>

#include "graph/constant_tensor.h"
#include "graph/editing.h"
#include "passes/simplify/steps.h"

namespace onnxbench::model {

int make_slice_axes_non_negative(onnx::ModelProto& model, const ValueFacts& facts,
                                 PassReport& report) {
  if (default_opset(model) < 10) return 0;  // axes are an attribute before opset 10
  NameSet names(model.graph());
  std::vector<onnx::TensorProto> added;
  int count = 0;
  for (auto& n : *model.mutable_graph()->mutable_node()) {
    if (n.op_type() != "Slice" || !(n.domain().empty() || n.domain() == "ai.onnx") ||
        n.input_size() < 4 || n.input(3).empty())
      continue;
    const onnx::TensorProto* proto = constant_value(model, n.input(3));
    const auto shape = facts.shapes.find(n.input(0));
    if (!proto || shape == facts.shapes.end()) continue;
    auto axes = from_proto(*proto);
    if (!axes || axes->is_real() ||
        std::none_of(axes->ints.begin(), axes->ints.end(), [](auto a) { return a < 0; }))
      continue;
    const auto rank = static_cast<std::int64_t>(shape->second.size());
    for (auto& a : axes->ints)
      if (a < 0) a += rank;
    const std::string name = names.fresh(n.input(3) + "_non_negative");
    added.push_back(to_proto(*axes, name));
    n.set_input(3, name);
    ++count;
  }
  for (const auto& t : added) add_initializer(model, t);
  if (count) report.add("Slice axes made non-negative", count);
  return count;
}

}  // namespace onnxbench::model
