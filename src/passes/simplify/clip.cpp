// simplify: Clip with constant bounds given as inputs (opset 11 on, how torch exports ReLU6)
// rewritten with ops that read no bound input, because OpenCV 4.6 imports only the Clip of opset
// 6, whose bounds were attributes. The rewrite is exact:
//   lower bound 0:      Relu(x)
//   other lower bound:  Max(x, lo + 0 * x)
//   upper bound:        Min(.., hi + 0 * x)
// The bound is spread to x's shape (0 * x, plus the bound) because OpenCV's element-wise Min/Max
// take two inputs of one shape and ignore constant ones; Mul and Add by a scalar it imports.
#include <cmath>
#include <optional>

#include "graph/constant_tensor.h"
#include "graph/editing.h"
#include "passes/simplify/steps.h"

namespace onnxbench::model {
namespace {

struct Bound {
  std::string name;  // the initializer holding it
  double value = 0;
};

struct ClipBounds {
  std::optional<Bound> low, high;  // nullopt: that side is unbounded
};

// The bound at input `index`: nullopt inside when the input is left out or infinite; nullopt
// outside when it is not a constant float scalar (the Clip is then left alone).
std::optional<std::optional<Bound>> bound_at(const onnx::ModelProto& model,
                                             const onnx::NodeProto& n, int index) {
  if (n.input_size() <= index || n.input(index).empty()) return std::optional<Bound>{};
  const onnx::TensorProto* proto = constant_value(model, n.input(index));
  if (!proto || proto->data_type() != onnx::TensorProto_DataType_FLOAT) return std::nullopt;
  const auto value = from_proto(*proto);
  if (!value || value->size() != 1) return std::nullopt;
  if (std::isinf(value->reals[0])) return std::optional<Bound>{};
  return std::optional<Bound>{Bound{n.input(index), value->reals[0]}};
}

std::optional<ClipBounds> constant_bounds(const onnx::ModelProto& model, const onnx::NodeProto& n) {
  if (n.op_type() != "Clip" || !(n.domain().empty() || n.domain() == "ai.onnx") ||
      n.input_size() < 2 || n.output_size() != 1)
    return std::nullopt;
  const auto low = bound_at(model, n, 1), high = bound_at(model, n, 2);
  if (!low || !high || (!*low && !*high)) return std::nullopt;
  return ClipBounds{*low, *high};
}

onnx::NodeProto make_node(const std::string& op, const std::vector<std::string>& inputs,
                          const std::string& output, const std::string& name) {
  onnx::NodeProto n;
  n.set_op_type(op);
  n.set_name(name);
  for (const auto& i : inputs) n.add_input(i);
  n.add_output(output);
  return n;
}

}  // namespace

int rewrite_clip_bounds(onnx::ModelProto& model, PassReport& report) {
  if (default_opset(model) < 11) return 0;  // bounds are still attributes there
  auto& g = *model.mutable_graph();
  NameSet names(g);
  std::string zero;  // a float 0 initializer, made on first use
  google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
  int count = 0;
  for (int i = 0; i < g.node_size(); ++i) {
    const onnx::NodeProto& clip = g.node(i);
    const auto bounds = constant_bounds(model, clip);
    if (!bounds) {
      *nodes.Add() = clip;
      continue;
    }
    const std::string label = node_label(clip, i);
    const std::string& x = clip.input(0);
    if (zero.empty() && !(bounds->low && bounds->low->value == 0 && !bounds->high)) {
      zero = names.fresh("clip_zero");
      add_initializer(model, float_tensor(zero, onnx::TensorProto_DataType_FLOAT, {}, {0.0}));
    }
    // `bound` + 0 * x: the bound with x's shape.
    auto spread = [&](const Bound& bound, const std::string& suffix) {
      const std::string zeros = names.fresh(x + "_zeros"), filled = names.fresh(x + suffix);
      *nodes.Add() = make_node("Mul", {x, zero}, zeros, names.fresh(label + "/zeros"));
      *nodes.Add() = make_node("Add", {zeros, bound.name}, filled, names.fresh(label + suffix));
      return filled;
    };
    std::string lowered = x;
    if (bounds->low) {
      lowered = bounds->high ? names.fresh(x + "_clipped_low") : clip.output(0);
      if (bounds->low->value == 0)
        *nodes.Add() = make_node("Relu", {x}, lowered, names.fresh(label + "/relu"));
      else
        *nodes.Add() = make_node("Max", {x, spread(*bounds->low, "_low")}, lowered,
                                 names.fresh(label + "/max"));
    }
    if (bounds->high)
      *nodes.Add() = make_node("Min", {lowered, spread(*bounds->high, "_high")}, clip.output(0),
                               names.fresh(label + "/min"));
    ++count;
  }
  if (count) {
    g.mutable_node()->Swap(&nodes);
    report.add("Clip with bound inputs -> Relu/Max/Min", count);
  }
  return count;
}

}  // namespace onnxbench::model
