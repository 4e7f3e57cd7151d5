#include "inspect/macs.h"

#include <cmath>
#include <cstdio>
#include <set>

namespace onnxbench::model {
namespace {

const std::set<std::string> kElementwise = {
    "Abs",
    "Acos",
    "Acosh",
    "Add",
    "And",
    "Asin",
    "Asinh",
    "Atan",
    "Atanh",
    "BitShift",
    "Ceil",
    "Celu",
    "Clip",
    "Cos",
    "Cosh",
    "CumSum",
    "DequantizeLinear",
    "Div",
    "Elu",
    "Equal",
    "Erf",
    "Exp",
    "Floor",
    "Greater",
    "GreaterOrEqual",
    "HardSigmoid",
    "HardSwish",
    "IsInf",
    "IsNaN",
    "LeakyRelu",
    "Less",
    "LessOrEqual",
    "Log",
    "Max",
    "Mean",
    "Min",
    "Mish",
    "Mod",
    "Mul",
    "Neg",
    "Not",
    "Or",
    "Pow",
    "PRelu",
    "QuantizeLinear",
    "DynamicQuantizeLinear",
    "Reciprocal",
    "Relu",
    "Resize",
    "Round",
    "Selu",
    "Shrink",
    "Sigmoid",
    "Sign",
    "Sin",
    "Sinh",
    "Softplus",
    "Softsign",
    "Sqrt",
    "Sub",
    "Sum",
    "Tan",
    "Tanh",
    "ThresholdedRelu",
    "Upsample",
    "Where",
    "Xor",
    "Gelu",
    "BitwiseAnd",
    "BitwiseOr",
    "BitwiseXor",
    "BitwiseNot",
};

const std::set<std::string> kPooling = {"MaxPool", "AveragePool", "LpPool"};

const std::set<std::string> kInputElements = {
    "GlobalAveragePool", "GlobalMaxPool",   "GlobalLpPool",    "ReduceMean", "ReduceSum",
    "ReduceMax",         "ReduceMin",       "ReduceProd",      "ReduceL1",   "ReduceL2",
    "ReduceLogSum",      "ReduceLogSumExp", "ReduceSumSquare", "ArgMax",     "ArgMin",
};

const std::set<std::string> kSoftmax = {"Softmax", "LogSoftmax", "Hardmax"};
const std::set<std::string> kNormalization = {"LayerNormalization", "InstanceNormalization", "LRN",
                                              "MeanVarianceNormalization", "GroupNormalization"};

const std::set<std::string> kFree = {
    "Reshape",
    "Flatten",
    "Transpose",
    "Concat",
    "Identity",
    "Constant",
    "Shape",
    "Gather",
    "GatherElements",
    "GatherND",
    "Squeeze",
    "Unsqueeze",
    "Slice",
    "Split",
    "Expand",
    "Tile",
    "Pad",
    "ConstantOfShape",
    "Cast",
    "CastLike",
    "Dropout",
    "Size",
    "Range",
    "DepthToSpace",
    "SpaceToDepth",
    "ScatterND",
    "ScatterElements",
    "Scatter",
    "NonZero",
    "EyeLike",
    "OneHot",
    "Compress",
    "ReverseSequence",
    "Trilu",
    "SequenceConstruct",
    "SequenceAt",
    "SequenceEmpty",
    "SequenceInsert",
    "SequenceErase",
    "SequenceLength",
    "SplitToSequence",
    "ConcatFromSequence",
    "Optional",
    "OptionalGetElement",
    "OptionalHasElement",
};

std::int64_t int_attr(const onnx::NodeProto& n, const std::string& name, std::int64_t dflt) {
  for (const auto& a : n.attribute())
    if (a.name() == name) return a.i();
  return dflt;
}

std::optional<std::vector<std::int64_t>> ints_attr(const onnx::NodeProto& n,
                                                   const std::string& name) {
  for (const auto& a : n.attribute())
    if (a.name() == name) return std::vector<std::int64_t>(a.ints().begin(), a.ints().end());
  return std::nullopt;
}

class Counter {
 public:
  Counter(const onnx::NodeProto& n, const ShapeLookup& shape_of) : n_(n), shape_of_(shape_of) {}

  NodeMacs run() {
    const std::string& op = n_.op_type();
    const bool onnx_domain = n_.domain().empty() || n_.domain() == "ai.onnx";
    if (!onnx_domain)
      return unknown("no MAC formula for op '" + op + "' of domain '" + n_.domain() + "'");
    if (kFree.count(op)) return known(0);
    if (op == "Conv" || op == "ConvInteger") return conv(1);
    if (op == "QLinearConv") return conv(3);
    if (op == "ConvTranspose") return conv_transpose();
    if (op == "Gemm") return gemm();
    if (op == "MatMul" || op == "MatMulInteger") return matmul(0, 1);
    if (op == "QLinearMatMul") return matmul(0, 3);
    if (kElementwise.count(op) || op == "BatchNormalization") return per_output(1);
    if (kSoftmax.count(op)) return per_output(3);
    if (kNormalization.count(op)) return per_output(5);
    if (kPooling.count(op)) return pooling();
    if (kInputElements.count(op)) return per_input();
    return unknown("no MAC formula for op '" + op + "'");
  }

 private:
  std::optional<Dims> input(int i) {
    if (i >= n_.input_size() || n_.input(i).empty()) return std::nullopt;
    return shape_of_(n_.input(i));
  }
  std::optional<Dims> output(int i) {
    if (i >= n_.output_size() || n_.output(i).empty()) return std::nullopt;
    return shape_of_(n_.output(i));
  }
  std::uint64_t elements(const Dims& d) { return dims_elements(d, &result_.symbolic); }
  std::uint64_t dim(const Dim& d) {
    if (d.known()) return static_cast<std::uint64_t>(d.value);
    result_.symbolic = true;
    return 1;
  }
  NodeMacs known(std::uint64_t macs) {
    result_.macs = macs;
    return result_;
  }
  NodeMacs unknown(std::string reason) {
    NodeMacs r;
    r.reason = std::move(reason);
    return r;
  }
  NodeMacs missing(const std::string& what) { return unknown("shape of " + what + " unknown"); }

  NodeMacs conv(int weight_index) {
    const auto y = output(0);
    if (!y) return missing("output '" + n_.output(0) + "'");
    const auto w = input(weight_index);
    if (w && w->size() >= 3) {
      std::uint64_t per = dim((*w)[1]);
      for (std::size_t i = 2; i < w->size(); ++i) per *= dim((*w)[i]);
      return known(elements(*y) * per);
    }
    // No weight shape: Cin from the input and the kernel from the attribute.
    const auto x = input(0);
    const auto kernel = ints_attr(n_, "kernel_shape");
    if (!x || x->size() < 2 || !kernel) return missing("weight '" + n_.input(weight_index) + "'");
    const std::int64_t group = std::max<std::int64_t>(1, int_attr(n_, "group", 1));
    std::uint64_t per = dim((*x)[1]) / static_cast<std::uint64_t>(group);
    for (auto k : *kernel) per *= static_cast<std::uint64_t>(k);
    return known(elements(*y) * per);
  }

  NodeMacs conv_transpose() {
    const auto x = input(0);
    const auto w = input(1);
    if (!x) return missing("input '" + n_.input(0) + "'");
    if (!w || w->size() < 3) return missing("weight '" + n_.input(1) + "'");
    std::uint64_t per = dim((*w)[1]);  // W is [Cin, Cout / group, k...]
    for (std::size_t i = 2; i < w->size(); ++i) per *= dim((*w)[i]);
    return known(elements(*x) * per);
  }

  NodeMacs gemm() {
    const auto a = input(0);
    const auto b = input(1);
    if (!a || a->size() != 2) return missing("input A '" + n_.input(0) + "'");
    if (!b || b->size() != 2) return missing("input B '" + n_.input(1) + "'");
    const bool ta = int_attr(n_, "transA", 0) != 0;
    const bool tb = int_attr(n_, "transB", 0) != 0;
    const std::uint64_t m = dim((*a)[ta ? 1 : 0]);
    const std::uint64_t k = dim((*a)[ta ? 0 : 1]);
    const std::uint64_t n = dim((*b)[tb ? 0 : 1]);
    return known(m * n * k);
  }

  NodeMacs matmul(int a_index, int b_index) {
    const auto y = output(0);
    if (!y) return missing("output '" + n_.output(0) + "'");
    const auto a = input(a_index);
    if (a && !a->empty()) return known(elements(*y) * dim(a->back()));
    const auto b = input(b_index);
    if (b && !b->empty())
      return known(elements(*y) * dim((*b)[b->size() >= 2 ? b->size() - 2 : 0]));
    return missing("inputs '" + n_.input(a_index) + "' and '" + n_.input(b_index) + "'");
  }

  NodeMacs per_output(std::uint64_t factor) {
    const auto y = output(0);
    if (!y) return missing("output '" + n_.output(0) + "'");
    return known(factor * elements(*y));
  }

  NodeMacs per_input() {
    const auto x = input(0);
    if (!x) return missing("input '" + n_.input(0) + "'");
    return known(elements(*x));
  }

  NodeMacs pooling() {
    const auto y = output(0);
    if (!y) return missing("output '" + n_.output(0) + "'");
    const auto kernel = ints_attr(n_, "kernel_shape");
    if (!kernel) return unknown("attribute 'kernel_shape' missing");
    std::uint64_t area = 1;
    for (auto k : *kernel) area *= static_cast<std::uint64_t>(std::max<std::int64_t>(k, 1));
    return known(elements(*y) * area);
  }

  const onnx::NodeProto& n_;
  const ShapeLookup& shape_of_;
  NodeMacs result_;
};

}  // namespace

NodeMacs node_macs(const onnx::NodeProto& node, const ShapeLookup& shape_of) {
  return Counter(node, shape_of).run();
}

std::string macs_to_string(std::uint64_t macs) {
  if (macs < 1000) return std::to_string(macs);
  static const char* kUnits[] = {"K", "M", "G", "T", "P", "E"};
  double v = static_cast<double>(macs);
  int unit = -1;
  while (v >= 999.5 && unit < 5) {
    v /= 1000.0;
    ++unit;
  }
  char buf[32];
  const int decimals = v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2;
  std::snprintf(buf, sizeof buf, "%.*f %s", decimals, v, kUnits[unit]);
  return buf;
}

}  // namespace onnxbench::model
