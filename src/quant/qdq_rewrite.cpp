#include "quant/qdq_rewrite.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <regex>

#include "core/error.h"
#include "graph/builder.h"
#include "graph/editing.h"
#include "quant/layers.h"

namespace onnxbench::quant {
namespace {

using model::constant_value;
using model::float_values;

bool every_input_is_activation(const std::string& op) {
  return op == "Add" || op == "Mul" || op == "Concat" || op == "MatMul";
}

// Gemm's bias is an int32 product only when it is not scaled: alpha = beta = 1.
bool unscaled_gemm(const onnx::NodeProto& n) {
  for (const char* name : {"alpha", "beta"})
    if (const auto* a = model::find_attribute(n, name); a && a->f() != 1.0f) return false;
  return true;
}

onnx::TensorProto integers(const std::string& name, QuantType type,
                           const std::vector<std::int64_t>& dims,
                           const std::vector<std::int32_t>& values) {
  onnx::TensorProto t;
  t.set_name(name);
  t.set_data_type(type.bits == 32 ? onnx::TensorProto_DataType_INT32 : type.onnx_type());
  for (auto d : dims) t.add_dims(d);
  for (auto v : values) t.add_int32_data(v);
  return t;
}

onnx::TensorProto scales_tensor(const std::string& name, const std::vector<QuantParams>& params,
                                bool vector) {
  std::vector<double> scales;
  for (const auto& p : params) scales.push_back(p.scale);
  std::vector<std::int64_t> dims;
  if (vector) dims.push_back(static_cast<std::int64_t>(scales.size()));
  return model::float_tensor(name, onnx::TensorProto_DataType_FLOAT, dims, scales);
}

class QdqRewriter {
 public:
  QdqRewriter(onnx::ModelProto& model, const std::map<std::string, Range>& ranges,
              const QdqOptions& options)
      : model_(model), ranges_(ranges), options_(options), names_(model.graph()) {
    check_quantizable(model, options);
    opset_ = model::default_opset(model);
    // ONNX's QuantizeLinear takes 16-bit types from opset 21; ONNX Runtime's own takes them always.
    if (options.activation_type.bits == 16 && opset_ < 21) q_domain_ = "com.microsoft";
    per_channel_ = options.per_channel && opset_ >= 13;
    if (options.per_channel && !per_channel_)
      report_.notes.push_back("weights quantized per tensor: per-channel scales need opset 13");
  }

  QdqReport run() {
    auto& graph = *model_.mutable_graph();
    auto nodes = graph.node();
    std::vector<bool> quantized(static_cast<std::size_t>(nodes.size()));
    for (int i = 0; i < nodes.size(); ++i) {
      quantized[static_cast<std::size_t>(i)] = quantizes(nodes[i], i, options_);
      note_float_choice(nodes[i], i);
    }
    const std::vector<bool> folded = fold_activations(nodes, quantized);
    report_.quantized_nodes =
        static_cast<int>(std::count(quantized.begin(), quantized.end(), true));
    collect_activations(nodes, quantized);

    std::vector<onnx::NodeProto> out;
    for (const auto& input : graph.input()) add_qdq_pair(input.name(), out);
    for (int i = 0; i < nodes.size(); ++i) {
      if (folded[static_cast<std::size_t>(i)]) continue;
      onnx::NodeProto n = nodes[i];
      if (quantized[static_cast<std::size_t>(i)]) quantize_parameters(n, i, out);
      for (int k = 0; k < n.input_size(); ++k)
        if (auto it = dequantized_.find(n.input(k)); it != dequantized_.end())
          n.set_input(k, it->second);
      out.push_back(n);
      for (const auto& o : nodes[i].output()) add_qdq_pair(o, out);
    }
    graph.clear_node();
    for (auto& n : out) *graph.add_node() = std::move(n);
    for (const auto& t : new_initializers_) model::add_initializer(model_, t);
    model::remove_unread_constants(model_, replaced_constants_);
    if (!q_domain_.empty() &&
        std::none_of(model_.opset_import().begin(), model_.opset_import().end(),
                     [&](const auto& o) { return o.domain() == q_domain_; })) {
      auto* op = model_.add_opset_import();
      op->set_domain(q_domain_);
      op->set_version(1);
    }
    return report_;
  }

 private:
  // The Relu and Clip nodes of activation_folds go, as ONNX Runtime's own quantizer drops them,
  // so that its integer kernels see Conv -> QuantizeLinear directly; their producers now write
  // their outputs. Returns which nodes were folded away.
  std::vector<bool> fold_activations(google::protobuf::RepeatedPtrField<onnx::NodeProto>& nodes,
                                     std::vector<bool>& quantized) {
    std::vector<bool> folded(quantized.size(), false);
    for (const auto& [producer, activation] : activation_folds(model_, ranges_, options_)) {
      nodes[producer].set_output(0, nodes[activation].output(0));
      folded[static_cast<std::size_t>(activation)] = true;
      quantized[static_cast<std::size_t>(activation)] = false;
      ++report_.folded_activations;
    }
    return folded;
  }

  void note_float_choice(const onnx::NodeProto& n, int index) {
    const std::string label = model::node_label(n, index);
    if (quantizable_op_types().count(n.op_type()) &&
        (options_.float_nodes.count(label) || options_.float_nodes.count(n.name()) ||
         options_.float_op_types.count(n.op_type())))
      report_.notes.push_back("node '" + label + "' (" + n.op_type() + ") left in float as asked");
  }

  bool is_constant(const std::string& name) const {
    return name.empty() || constant_value(model_, name) != nullptr;
  }

  // Activations: the non-constant inputs a quantized node computes on, and its first output.
  void collect_activations(const google::protobuf::RepeatedPtrField<onnx::NodeProto>& nodes,
                           const std::vector<bool>& quantized) {
    std::set<std::string> missing;
    auto want = [&](const std::string& name) {
      if (is_constant(name) || activation_params_.count(name)) return;
      const auto it = ranges_.find(name);
      if (it == ranges_.end()) {
        missing.insert(name);
        return;
      }
      activation_params_[name] =
          choose_params(it->second, options_.activation_type, options_.symmetric_activations);
    };
    for (int i = 0; i < nodes.size(); ++i) {
      if (!quantized[static_cast<std::size_t>(i)]) continue;
      const auto& n = nodes[i];
      const int inputs = every_input_is_activation(n.op_type()) ? n.input_size() : 1;
      for (int k = 0; k < inputs && k < n.input_size(); ++k) want(n.input(k));
      if (n.output_size() > 0) want(n.output(0));
    }
    if (!missing.empty())
      report_.notes.push_back(std::to_string(missing.size()) +
                              " tensor(s) left in float: no calibrated range (" +
                              model::some_names({missing.begin(), missing.end()}) + ")");
    report_.quantized_activations = static_cast<int>(activation_params_.size());
  }

  void add_qdq_pair(const std::string& tensor, std::vector<onnx::NodeProto>& out) {
    const auto it = activation_params_.find(tensor);
    if (it == activation_params_.end() || dequantized_.count(tensor)) return;
    const QuantParams p = it->second;
    const std::string scale = names_.fresh(tensor + "_scale");
    const std::string zero = names_.fresh(tensor + "_zero_point");
    const std::string q = names_.fresh(tensor + "_quantized");
    const std::string dq = names_.fresh(tensor + "_dequantized");
    new_initializers_.push_back(
        model::float_tensor(scale, onnx::TensorProto_DataType_FLOAT, {}, {p.scale}));
    new_initializers_.push_back(integers(zero, options_.activation_type, {}, {p.zero_point}));
    out.push_back(qdq_node("QuantizeLinear", {tensor, scale, zero}, q, q_domain_));
    out.push_back(qdq_node("DequantizeLinear", {q, scale, zero}, dq, q_domain_));
    dequantized_[tensor] = dq;
  }

  // A QuantizeLinear or DequantizeLinear node; `axis` for per-channel parameters.
  onnx::NodeProto qdq_node(const std::string& op, const std::vector<std::string>& inputs,
                           const std::string& output, const std::string& domain,
                           std::optional<std::int64_t> axis = {}) {
    onnx::NodeProto n;
    n.set_op_type(op);
    n.set_name(names_.fresh(output));
    n.set_domain(domain);
    for (const auto& i : inputs) n.add_input(i);
    n.add_output(output);
    if (axis) *n.add_attribute() = model::attr_int("axis", *axis);
    return n;
  }

  // DequantizeLinear of the integer initializer `quantized` into `output`, with its scales and zero
  // points as new initializers: scalars, or vectors along `axis`.
  void add_dequantize(const std::string& quantized, QuantType type,
                      const std::vector<QuantParams>& params, std::optional<std::int64_t> axis,
                      const std::string& output, std::vector<onnx::NodeProto>& out) {
    const std::string scale = names_.fresh(quantized + "_scale");
    const std::string zero = names_.fresh(quantized + "_zero_point");
    std::vector<std::int64_t> dims;
    if (axis) dims.push_back(static_cast<std::int64_t>(params.size()));
    new_initializers_.push_back(scales_tensor(scale, params, axis.has_value()));
    std::vector<std::int32_t> zeros;
    for (const auto& p : params) zeros.push_back(p.zero_point);
    new_initializers_.push_back(integers(zero, type, dims, zeros));
    out.push_back(qdq_node("DequantizeLinear", {quantized, scale, zero}, output, "", axis));
  }

  // The node's weight (int8, per channel where asked) and bias (int32) behind DequantizeLinear.
  void quantize_parameters(onnx::NodeProto& n, int index, std::vector<onnx::NodeProto>& out) {
    if (n.input_size() < 2) return;
    const onnx::TensorProto* w = constant_value(model_, n.input(1));
    if (!w) return;
    const auto role = weight_role(n, w->dims_size());
    const auto values = role ? float_values(*w) : std::nullopt;
    if (!role || !values) return;
    const std::vector<std::int64_t> dims(w->dims().begin(), w->dims().end());
    const bool per_channel = per_channel_ && role->axis >= 0 && role->axis < w->dims_size() &&
                             (n.op_type() != "MatMul" || w->dims_size() == 2);
    const int axis = per_channel ? role->axis : -1;
    const QuantType int8{8, true};
    const auto params = weight_params(*values, dims, axis, int8);
    const std::string weight = n.input(1);
    const std::string q = names_.fresh(weight + "_quantized");
    const std::string dq = names_.fresh(weight + "_dequantized");
    new_initializers_.push_back(
        integers(q, int8, dims, quantize_weights(*values, dims, axis, params, int8)));
    add_dequantize(q, int8, params, per_channel ? std::optional<std::int64_t>(axis) : std::nullopt,
                   dq, out);
    n.set_input(1, dq);
    replaced_constants_.insert(weight);
    ++report_.quantized_weights;
    quantize_bias(n, index, *role, params, out);
  }

  void quantize_bias(onnx::NodeProto& n, int index, const WeightRole& role,
                     const std::vector<QuantParams>& weight_params,
                     std::vector<onnx::NodeProto>& out) {
    if (role.bias < 0 || n.input_size() <= role.bias || n.input(role.bias).empty()) return;
    const auto input = activation_params_.find(n.input(0));
    const onnx::TensorProto* b = constant_value(model_, n.input(role.bias));
    const auto values = b ? float_values(*b) : std::nullopt;
    // Each reason says what would let the bias be quantized.
    std::string why;
    if (input == activation_params_.end())
      why = "its input '" + n.input(0) + "' has no calibrated range";
    else if (!b)
      why = "the bias '" + n.input(role.bias) +
            "' is not a constant (it is computed, e.g. behind an Identity: run 'onnxbench "
            "transform --pass simplify' first)";
    else if (!values)
      why = "the bias '" + n.input(role.bias) + "' is not a float tensor";
    else if (b->dims_size() != 1)
      why = "the bias '" + n.input(role.bias) + "' is not one-dimensional";
    else if (n.op_type() == "Gemm" && !unscaled_gemm(n))
      why = "the Gemm scales its bias (beta or alpha other than 1)";
    else if (weight_params.size() != 1 && weight_params.size() != values->size())
      why = "the bias has " + std::to_string(values->size()) + " values for " +
            std::to_string(weight_params.size()) + " weight channels";
    if (!why.empty()) {
      report_.notes.push_back("node '" + model::node_label(n, index) +
                              "': bias kept in float: " + why);
      return;
    }
    std::vector<QuantParams> params;
    std::vector<std::int32_t> q;
    for (std::size_t c = 0; c < values->size(); ++c) {
      const QuantParams& wp = weight_params[weight_params.size() == 1 ? 0 : c];
      QuantParams p{input->second.scale * wp.scale, 0};
      if (p.scale == 0) p.scale = 1;
      params.push_back(p);
      const double v = std::nearbyint((*values)[c] / p.scale);
      q.push_back(static_cast<std::int32_t>(std::clamp(v, -2147483648.0, 2147483647.0)));
    }
    const std::string bias = n.input(role.bias);
    const std::string qb = names_.fresh(bias + "_quantized");
    const std::string dq = names_.fresh(bias + "_dequantized");
    const QuantType int32{32, true};
    const std::vector<std::int64_t> dims{static_cast<std::int64_t>(q.size())};
    new_initializers_.push_back(integers(qb, int32, dims, q));
    // Per-tensor weights give one bias scale: a scalar, which opsets before 13 need.
    add_dequantize(
        qb, int32, weight_params.size() == 1 ? std::vector<QuantParams>{params[0]} : params,
        weight_params.size() == 1 ? std::nullopt : std::optional<std::int64_t>(0), dq, out);
    n.set_input(role.bias, dq);
    replaced_constants_.insert(bias);
    ++report_.quantized_biases;
  }

  onnx::ModelProto& model_;
  const std::map<std::string, Range>& ranges_;
  const QdqOptions& options_;
  model::NameSet names_;
  std::int64_t opset_ = 0;
  std::string q_domain_;  // "" for ONNX's QuantizeLinear, "com.microsoft" for 16-bit before 21
  bool per_channel_ = true;
  QdqReport report_;
  std::map<std::string, QuantParams> activation_params_;
  std::map<std::string, std::string> dequantized_;  // activation -> its DequantizeLinear output
  std::vector<onnx::TensorProto> new_initializers_;
  std::set<std::string> replaced_constants_;
};

}  // namespace

const std::set<std::string>& quantizable_op_types() {
  static const std::set<std::string> types{"Conv",
                                           "ConvTranspose",
                                           "Gemm",
                                           "MatMul",
                                           "Add",
                                           "Mul",
                                           "Relu",
                                           "Clip",
                                           "LeakyRelu",
                                           "Sigmoid",
                                           "MaxPool",
                                           "AveragePool",
                                           "GlobalAveragePool",
                                           "Concat",
                                           "Flatten",
                                           "Reshape",
                                           "Transpose",
                                           "Squeeze",
                                           "Unsqueeze",
                                           "Resize",
                                           "Softmax",
                                           "Pad"};
  return types;
}

void check_quantizable(const onnx::ModelProto& model, const QdqOptions& options) {
  const std::int64_t opset = model::default_opset(model);
  if (opset < 10)
    throw InputError("the model imports opset " + std::to_string(opset) +
                     " of the default domain; QuantizeLinear needs opset 10 or later");
  const auto& nodes = model.graph().node();
  for (int i = 0; i < nodes.size(); ++i)
    if (quantizes(nodes[i], i, options)) return;
  throw InputError(
      "no node to quantize: the model has none of the quantizable op types "
      "(Conv, ConvTranspose, Gemm, MatMul, Add, ...) outside the float list");
}

QdqReport quantize_qdq(onnx::ModelProto& model, const std::map<std::string, Range>& ranges,
                       const QdqOptions& options) {
  return QdqRewriter(model, ranges, options).run();
}

std::vector<std::string> collapsed_notes(const std::vector<std::string>& notes) {
  static const std::regex per_node(R"(node '([^']*)'(?: \([^)]*\))?: (.*))");
  std::vector<std::string> reasons;                       // in first-seen order
  std::map<std::string, std::vector<std::string>> nodes;  // reason -> its nodes
  std::vector<std::string> out;
  for (const auto& note : notes) {
    std::smatch m;
    if (!std::regex_match(note, m, per_node)) {
      out.push_back(note);
      continue;
    }
    if (!nodes.count(m[2])) reasons.push_back(m[2]);
    nodes[m[2]].push_back(m[1]);
  }
  for (const auto& reason : reasons) {
    const auto& names = nodes[reason];
    out.push_back(names.size() == 1 ? "node '" + names.front() + "': " + reason
                                    : reason + ": " + std::to_string(names.size()) + " nodes (" +
                                          model::some_names(names) + ")");
  }
  return out;
}

}  // namespace onnxbench::quant
