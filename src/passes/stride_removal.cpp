// stride-removal (seed 002 finding 6): accelerators that handle only strides [1,1], [2,2] and
// [3,3] well get a Conv with stride 1 and a Slice keeping every s-th row/column instead.
//
// Why the output is identical: along an axis of input size n, total padding p and dilated kernel
// extent e = d*(k-1)+1, the stride-1 output has m = n + p - e + 1 rows and row i*s of it is row i
// of the strided output, which has floor((m-1)/s)+1 rows. Slice(start 0, end past the last row,
// step s) keeps exactly ceil(m/s) = floor((m-1)/s)+1 rows. auto_pad SAME_* derives the padding
// from the stride, so it becomes the explicit padding the strided Conv had.
#include <algorithm>
#include <limits>
#include <optional>

#include "graph/builder.h"
#include "graph/editing.h"
#include "graph/shapes.h"
#include "passes/passes.h"

namespace onnxbench::model {
namespace {

bool needs_rewrite(const std::vector<std::int64_t>& strides) {
  if (strides.empty()) return false;
  const bool uniform =
      std::all_of(strides.begin(), strides.end(), [&](std::int64_t s) { return s == strides[0]; });
  return !uniform || strides[0] > 3;
}

std::string ints_text(const std::vector<std::int64_t>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + "]";
}

class StrideRemoval : public Pass {
 public:
  StrideRemoval() : Pass("stride-removal") {}

  PassReport run(onnx::ModelProto& model) const override {
    std::vector<int> candidates;
    for (int i = 0; i < model.graph().node_size(); ++i) {
      const auto& n = model.graph().node(i);
      if (n.op_type() == "Conv" && (n.domain().empty() || n.domain() == "ai.onnx") &&
          needs_rewrite(ints_attribute(n, "strides", {})))
        candidates.push_back(i);
    }
    if (candidates.empty())
      nothing_to_do("nothing to rewrite: no Conv with strides other than [1,1], [2,2] or [3,3]");
    if (const auto opset = default_opset(model); opset < 10)
      refuse("a Slice with steps needs opset 10 or newer, the model imports opset " +
             std::to_string(opset));

    onnx::ModelProto inferred = model;
    infer_shapes(inferred);
    const auto shapes = value_shapes(inferred.graph());
    NameSet names(model.graph());
    google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
    std::vector<std::string> refused;
    PassReport report;
    for (int i = 0; i < model.graph().node_size(); ++i) {
      const auto& n = model.graph().node(i);
      if (!std::binary_search(candidates.begin(), candidates.end(), i)) {
        *nodes.Add() = n;
        continue;
      }
      const auto pads = explicit_pads(n, shapes);
      if (!pads) {
        refused.push_back("node '" + node_label(n, i) + "' left as it is: auto_pad " +
                          string_attribute(n, "auto_pad", "") +
                          " needs the input's spatial size and the kernel size, which shape "
                          "inference does not know");
        *nodes.Add() = n;
        continue;
      }
      rewrite(model, n, i, *pads, names, nodes);
      report.add("strided Conv -> Conv + Slice");
    }
    if (report.total() == 0) nothing_to_do("nothing to rewrite: " + refused[0]);
    model.mutable_graph()->mutable_node()->Swap(&nodes);
    report.notes = refused;
    return report;
  }

 private:
  // The Conv's padding as [begin..., end...]; nullopt for auto_pad SAME_* with unknown sizes.
  static std::optional<std::vector<std::int64_t>> explicit_pads(
      const onnx::NodeProto& n, const std::unordered_map<std::string, Dims>& shapes) {
    const auto strides = ints_attribute(n, "strides", {});
    const std::size_t rank = strides.size();
    const std::string auto_pad = string_attribute(n, "auto_pad", "NOTSET");
    if (auto_pad == "NOTSET" || auto_pad.empty())
      return ints_attribute(n, "pads", std::vector<std::int64_t>(2 * rank, 0));
    if (auto_pad == "VALID") return std::vector<std::int64_t>(2 * rank, 0);

    const auto x = shapes.find(n.input(0));
    auto kernel = ints_attribute(n, "kernel_shape", {});
    if (kernel.empty())
      if (const auto w = shapes.find(n.input(1)); w != shapes.end() && w->second.size() == rank + 2)
        for (std::size_t k = 0; k < rank; ++k)
          kernel.push_back(w->second[k + 2].known() ? w->second[k + 2].value : -1);
    if (x == shapes.end() || x->second.size() != rank + 2 || kernel.size() != rank) return {};
    const auto dilations = ints_attribute(n, "dilations", std::vector<std::int64_t>(rank, 1));
    std::vector<std::int64_t> pads(2 * rank);
    for (std::size_t k = 0; k < rank; ++k) {
      const Dim& size = x->second[k + 2];
      if (!size.known() || kernel[k] < 0) return {};
      const std::int64_t out = (size.value + strides[k] - 1) / strides[k];
      const std::int64_t total = std::max<std::int64_t>(
          0, (out - 1) * strides[k] + dilations[k] * (kernel[k] - 1) + 1 - size.value);
      const std::int64_t small = total / 2, large = total - total / 2;
      pads[k] = auto_pad == "SAME_LOWER" ? large : small;
      pads[k + rank] = auto_pad == "SAME_LOWER" ? small : large;
    }
    return pads;
  }

  static void rewrite(onnx::ModelProto& model, const onnx::NodeProto& n, int index,
                      const std::vector<std::int64_t>& pads, NameSet& names,
                      google::protobuf::RepeatedPtrField<onnx::NodeProto>& nodes) {
    const auto strides = ints_attribute(n, "strides", {});
    const std::string label = node_label(n, index);
    onnx::NodeProto& conv = *nodes.Add();
    conv = n;
    set_attribute(conv, attr_ints("strides", std::vector<std::int64_t>(strides.size(), 1)));
    set_attribute(conv, attr_ints("pads", pads));
    remove_attribute(conv, "auto_pad");
    conv.set_output(0, names.fresh(n.output(0) + "_stride1"));

    std::vector<std::int64_t> axes, steps;
    for (std::size_t k = 0; k < strides.size(); ++k)
      if (strides[k] != 1) {
        axes.push_back(static_cast<std::int64_t>(k) + 2);
        steps.push_back(strides[k]);
      }
    onnx::NodeProto& slice = *nodes.Add();
    slice.set_op_type("Slice");
    slice.set_name(names.fresh(label + "_slice"));
    slice.add_input(conv.output(0));
    const std::pair<const char*, std::vector<std::int64_t>> operands[] = {
        {"starts", std::vector<std::int64_t>(axes.size(), 0)},
        {"ends", std::vector<std::int64_t>(axes.size(), std::numeric_limits<std::int64_t>::max())},
        {"axes", axes},
        {"steps", steps}};
    for (const auto& [what, values] : operands) {
      const std::string name = names.fresh(label + "_slice_" + what);
      add_initializer(model, int64_tensor(name, values));
      slice.add_input(name);
    }
    slice.add_output(n.output(0));
    slice.set_doc_string("stride-removal: Conv '" + label + "' had strides " + ints_text(strides));
  }
};

}  // namespace

std::unique_ptr<Pass> stride_removal_pass() { return std::make_unique<StrideRemoval>(); }

}  // namespace onnxbench::model
