#include "passes/conv_fold.h"

#include <algorithm>
#include <functional>
#include <numeric>

#include "graph/editing.h"

namespace onnxbench::model {
namespace {

std::string dims_text(const onnx::TensorProto& t) {
  std::string s = "[";
  for (int i = 0; i < t.dims_size(); ++i) s += (i ? "," : "") + std::to_string(t.dims(i));
  return s + "]";
}

// The constant's value for each channel, when it broadcasts against a tensor of `rank` dimensions
// with `channels` channels along axis 1 only and leaves that tensor's shape as it is.
std::optional<std::vector<double>> channel_values(const onnx::TensorProto& c,
                                                  const std::vector<double>& values,
                                                  std::size_t rank, std::int64_t channels) {
  const auto r = static_cast<std::size_t>(c.dims_size());
  if (r > rank) return std::nullopt;
  for (std::size_t j = 0; j < r; ++j) {
    const std::int64_t d = c.dims(static_cast<int>(j));
    const bool channel_axis = rank - r + j == 1;
    if (d != 1 && !(channel_axis && d == channels)) return std::nullopt;
  }
  if (values.size() == 1) return std::vector<double>(channels, values[0]);
  return values;
}

std::vector<double> negated(std::vector<double> v) {
  for (double& x : v) x = -x;
  return v;
}

}  // namespace

bool ChannelAffine::shifts() const {
  return std::any_of(shift.begin(), shift.end(), [](double a) { return a != 0; });
}

std::optional<AffineNode> affine_node(const onnx::ModelProto& model, const onnx::NodeProto& node,
                                      std::size_t rank, std::int64_t channels) {
  const std::string& op = node.op_type();
  if ((op != "Add" && op != "Sub" && op != "Mul" && op != "Div") ||
      !(node.domain().empty() || node.domain() == "ai.onnx") || node.input_size() != 2 ||
      node.output_size() != 1)
    return std::nullopt;
  const onnx::TensorProto* first = constant_value(model, node.input(0));
  const onnx::TensorProto* second = constant_value(model, node.input(1));
  if ((first == nullptr) == (second == nullptr)) return std::nullopt;
  const bool constant_first = first != nullptr;
  const onnx::TensorProto& c = constant_first ? *first : *second;
  const auto values = float_values(c);
  if (!values) return std::nullopt;

  AffineNode result{node.input(constant_first ? 1 : 0), {}, ""};
  const std::string constant = "constant '" + node.input(constant_first ? 0 : 1) + "'";
  const auto v = channel_values(c, *values, rank, channels);
  if (!v) {
    result.problem = constant + " of shape " + dims_text(c) + " is not one value per channel (" +
                     std::to_string(channels) + " channels on axis 1)";
    return result;
  }
  const std::vector<double> ones(channels, 1.0), zeros(channels, 0.0);
  if (op == "Mul") {
    result.map = {*v, zeros};
  } else if (op == "Add") {
    result.map = {ones, *v};
  } else if (op == "Sub") {  // x - c = x + (-c);  c - x = -x + c
    result.map =
        constant_first ? ChannelAffine{negated(ones), *v} : ChannelAffine{ones, negated(*v)};
  } else if (constant_first) {
    result.problem = constant + " divided by the tensor is not affine in it";
  } else if (std::find(v->begin(), v->end(), 0.0) != v->end()) {
    result.problem = constant + " has a zero divisor";
  } else {
    std::vector<double> inverse(v->size());
    std::transform(v->begin(), v->end(), inverse.begin(), [](double d) { return 1 / d; });
    result.map = {inverse, zeros};
  }
  return result;
}

void ConvWeights::fold_after(const ChannelAffine& map) {
  const std::int64_t per_output = static_cast<std::int64_t>(w.size()) / out_channels();
  for (std::int64_t o = 0; o < out_channels(); ++o) {
    for (std::int64_t k = 0; k < per_output; ++k) w[o * per_output + k] *= map.scale[o];
    b[o] = b[o] * map.scale[o] + map.shift[o];
  }
}

void ConvWeights::fold_before(const ChannelAffine& map) {
  // Output channel o of group g reads input channels g*Cg .. g*Cg+Cg-1 as W[o, 0..Cg-1].
  const std::int64_t group_inputs = dims[1], group_outputs = out_channels() / group;
  const std::int64_t kernel =
      std::accumulate(dims.begin() + 2, dims.end(), std::int64_t{1}, std::multiplies<>());
  for (std::int64_t o = 0; o < out_channels(); ++o)
    for (std::int64_t ci = 0; ci < group_inputs; ++ci) {
      const std::int64_t c = o / group_outputs * group_inputs + ci;
      for (std::int64_t k = 0; k < kernel; ++k) {
        double& weight = w[(o * group_inputs + ci) * kernel + k];
        b[o] += weight * map.shift[c];
        weight *= map.scale[c];
      }
    }
}

std::optional<ConvWeights> conv_weights(const onnx::ModelProto& model, const onnx::NodeProto& conv,
                                        std::string& problem) {
  if (conv.input_size() < 2) {
    problem = "it has no weights input";
    return std::nullopt;
  }
  const onnx::TensorProto* w = constant_value(model, conv.input(1));
  auto w_values = w ? float_values(*w) : std::nullopt;
  if (!w_values || w->dims_size() < 3) {
    problem = "its weights '" + conv.input(1) + "' are not a constant float tensor";
    return std::nullopt;
  }
  ConvWeights weights{
      {w->dims().begin(), w->dims().end()}, std::move(*w_values), {}, 1, w->data_type()};
  if (const auto* group = find_attribute(conv, "group")) weights.group = group->i();
  if (weights.group < 1 || weights.out_channels() % weights.group != 0) {
    problem = "its group " + std::to_string(weights.group) + " does not divide its " +
              std::to_string(weights.out_channels()) + " output channels";
    return std::nullopt;
  }
  weights.b.assign(weights.out_channels(), 0.0);
  if (conv.input_size() > 2 && !conv.input(2).empty()) {
    const onnx::TensorProto* b = constant_value(model, conv.input(2));
    auto b_values = b ? float_values(*b) : std::nullopt;
    if (!b_values || static_cast<std::int64_t>(b_values->size()) != weights.out_channels()) {
      problem = "its bias '" + conv.input(2) + "' is not a constant float tensor of " +
                std::to_string(weights.out_channels()) + " values";
      return std::nullopt;
    }
    weights.b = std::move(*b_values);
  }
  return weights;
}

bool conv_pads(const onnx::NodeProto& conv) {
  const std::string auto_pad = string_attribute(conv, "auto_pad", "NOTSET");
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") return true;
  const auto pads = ints_attribute(conv, "pads", {});
  return std::any_of(pads.begin(), pads.end(), [](std::int64_t p) { return p != 0; });
}

}  // namespace onnxbench::model
