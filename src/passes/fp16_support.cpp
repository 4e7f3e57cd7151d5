#include "passes/fp16_support.h"

#include <onnx/defs/schema.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "graph/editing.h"

namespace onnxbench::model {
namespace {

constexpr double kHalfMax = 65504;
// Constants this small may take part in shape arithmetic (a shape has one value per dimension);
// larger ones are data, like a class token expanded to the batch size.
constexpr std::int64_t kShapeLikeElements = 16;

std::int64_t element_count(const onnx::TensorProto& t) {
  std::int64_t count = 1;
  for (const auto d : t.dims()) count *= d;
  return count;
}

std::int64_t opset_of(const onnx::ModelProto& model, const std::string& domain) {
  const bool default_domain = domain.empty() || domain == "ai.onnx";
  for (const auto& op : model.opset_import())
    if (op.domain() == domain ||
        (default_domain && (op.domain().empty() || op.domain() == "ai.onnx")))
      return op.version();
  return 0;
}

}  // namespace

bool accepts_half(const onnx::ModelProto& model, const onnx::NodeProto& node, int index,
                  bool input) {
  if (!input && find_attribute(node, "dtype")) return false;  // RandomNormal, EyeLike, ...
  const auto* schema = onnx::OpSchemaRegistry::Schema(
      node.op_type(), static_cast<int>(opset_of(model, node.domain())), node.domain());
  if (!schema) return false;
  const auto& formals = input ? schema->inputs() : schema->outputs();
  if (formals.empty()) return false;
  // Positions past the last formal parameter belong to it, when it is variadic.
  const auto& formal = formals[std::min<std::size_t>(index, formals.size() - 1)];
  const std::string& type = formal.GetTypeStr();
  if (type == "tensor(float16)") return true;
  for (const auto& constraint : schema->typeConstraintParams())
    if (constraint.type_param_str == type)
      return std::count(constraint.allowed_type_strs.begin(), constraint.allowed_type_strs.end(),
                        "tensor(float16)") > 0;
  return false;
}

std::unordered_set<std::string> shape_derived_values(const onnx::ModelProto& model) {
  const auto& g = model.graph();
  std::unordered_set<std::string> small_constants, derived;
  for (const auto& t : g.initializer())
    if (element_count(t) <= kShapeLikeElements) small_constants.insert(t.name());
  for (const auto& n : g.node())
    if (const auto* value = find_attribute(n, "value");
        n.op_type() == "Constant" &&
        (!value || !value->has_t() || element_count(value->t()) <= kShapeLikeElements))
      small_constants.insert(n.output().begin(), n.output().end());
  for (const auto& n : g.node()) {
    const bool measures = n.op_type() == "Shape" || n.op_type() == "Size";
    bool any_derived = false, only_shape_like = true;
    for (const auto& in : n.input()) {
      if (derived.count(in))
        any_derived = true;
      else if (!in.empty() && !small_constants.count(in))
        only_shape_like = false;
    }
    if (measures || (any_derived && only_shape_like))
      derived.insert(n.output().begin(), n.output().end());
  }
  return derived;
}

onnx::TensorProto to_half(const onnx::TensorProto& tensor, int& clamped) {
  auto values = float_values(tensor);
  if (!values) throw Error("to_half: tensor '" + tensor.name() + "' is not float");
  for (double& v : *values)
    if (std::abs(v) > kHalfMax && std::isfinite(v)) {
      v = std::copysign(kHalfMax, v);
      ++clamped;
    }
  return float_tensor(tensor.name(), onnx::TensorProto_DataType_FLOAT16,
                      {tensor.dims().begin(), tensor.dims().end()}, *values);
}

}  // namespace onnxbench::model
