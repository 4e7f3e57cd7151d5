#include "quant/layers.h"

#include <set>

#include "graph/editing.h"
#include "graph/graph_index.h"

namespace onnxbench::quant {
namespace {

// Relu, or Clip whose lower bound is a constant 0 (an input from opset 11, an attribute before).
bool clamps_from_zero(const onnx::ModelProto& model, const onnx::NodeProto& n) {
  if (n.op_type() == "Relu") return true;
  if (n.op_type() != "Clip") return false;
  if (const auto* min = model::find_attribute(n, "min")) return min->f() == 0.0f;
  if (n.input_size() < 2 || n.input(1).empty()) return false;
  const onnx::TensorProto* bound = model::constant_value(model, n.input(1));
  const auto values = bound ? model::float_values(*bound) : std::nullopt;
  return values && values->size() == 1 && (*values)[0] == 0.0;
}

}  // namespace

std::optional<WeightRole> weight_role(const onnx::NodeProto& n, int weight_rank) {
  const std::string& op = n.op_type();
  if (op == "Conv") return WeightRole{1, 2, 0};
  if (op == "ConvTranspose") return WeightRole{1, 2, 1};
  if (op == "Gemm") {
    const auto* trans = model::find_attribute(n, "transB");
    const bool trans_b = trans && trans->i() != 0;
    return WeightRole{1, 2, trans_b ? 0 : 1};
  }
  if (op == "MatMul") return WeightRole{1, -1, weight_rank - 1};
  return std::nullopt;
}

bool has_constant_weight(const onnx::ModelProto& model, const onnx::NodeProto& n) {
  const auto role = weight_role(n, 0);
  return role && n.input_size() > role->weight &&
         model::constant_value(model, n.input(role->weight)) != nullptr;
}

bool quantizes(const onnx::NodeProto& n, int index, const QdqOptions& options) {
  if (!(n.domain().empty() || n.domain() == "ai.onnx")) return false;
  if (!quantizable_op_types().count(n.op_type())) return false;
  const std::string label = model::node_label(n, index);
  if (options.only_nodes && !options.only_nodes->count(label)) return false;
  return !options.float_nodes.count(label) && !options.float_nodes.count(n.name()) &&
         !options.float_op_types.count(n.op_type());
}

std::map<int, int> activation_folds(const onnx::ModelProto& model,
                                    const std::map<std::string, Range>& ranges,
                                    const QdqOptions& options) {
  std::map<int, int> folds;
  // A signed or symmetric type has no zero point at its lowest value to clamp at.
  if (options.symmetric_activations || options.activation_type.is_signed) return folds;
  static const std::set<std::string> producers{"Conv", "ConvTranspose", "Gemm", "MatMul", "Add"};
  const auto& nodes = model.graph().node();
  const model::GraphIndex index(model.graph());
  for (int j = 0; j < nodes.size(); ++j) {
    const auto& act = nodes[j];
    if (act.input_size() == 0 || !quantizes(act, j, options) || !clamps_from_zero(model, act))
      continue;
    const int p = index.producer(act.input(0));
    if (p < 0 || !index.why_shared(act.input(0)).empty()) continue;
    if (!quantizes(nodes[p], p, options) || !producers.count(nodes[p].op_type())) continue;
    const auto range = ranges.find(act.output(0));
    if (range == ranges.end() || range->second.lo < 0) continue;
    folds[p] = j;
  }
  return folds;
}

}  // namespace onnxbench::quant
