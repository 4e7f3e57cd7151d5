#include "passes/constant_folding.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "graph/editing.h"

namespace onnxbench::model {
namespace {

using Dims64 = std::vector<std::int64_t>;
using Result = std::optional<std::vector<ConstantTensor>>;
using Inputs = std::vector<const ConstantTensor*>;

std::int64_t product(const Dims64& dims, std::size_t begin, std::size_t end) {
  std::int64_t n = 1;
  for (std::size_t i = begin; i < end; ++i) n *= dims[i];
  return n;
}

Dims64 strides_of(const Dims64& dims) {
  Dims64 strides(dims.size(), 1);
  for (int i = static_cast<int>(dims.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * dims[i + 1];
  return strides;
}

// An axis in [-rank, rank) as an index; nullopt when out of range.
std::optional<std::int64_t> axis_index(std::int64_t axis, std::int64_t rank) {
  if (axis < -rank || axis >= rank) return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

std::int64_t int_attribute(const onnx::NodeProto& n, const std::string& name,
                           std::int64_t fallback) {
  const auto* a = find_attribute(n, name);
  return a ? a->i() : fallback;
}

// A tensor of `source`'s type with `dims`, element i taken from source element index[i].
ConstantTensor gather_elements(const ConstantTensor& source, Dims64 dims, const Dims64& index) {
  ConstantTensor out;
  out.data_type = source.data_type;
  out.dims = std::move(dims);
  if (source.is_real()) {
    out.reals.reserve(index.size());
    for (const auto i : index) out.reals.push_back(source.reals[i]);
  } else {
    out.ints.reserve(index.size());
    for (const auto i : index) out.ints.push_back(source.ints[i]);
  }
  return out;
}

// Calls fn(multi_index) for every element of `dims`, in C order.
void for_each_index(const Dims64& dims, const std::function<void(const Dims64&)>& fn) {
  const std::int64_t count = product(dims, 0, dims.size());
  Dims64 index(dims.size(), 0);
  for (std::int64_t n = 0; n < count; ++n) {
    fn(index);
    for (int d = static_cast<int>(dims.size()) - 1; d >= 0; --d) {
      if (++index[d] < dims[d]) break;
      index[d] = 0;
    }
  }
}

Result single(ConstantTensor t) { return std::vector<ConstantTensor>{std::move(t)}; }

Result cast(const onnx::NodeProto& n, const ConstantTensor& x) {
  ConstantTensor out;
  out.data_type = static_cast<int>(int_attribute(n, "to", 0));
  if (!foldable_type(out.data_type)) return std::nullopt;
  out.dims = x.dims;
  const bool to_bool = out.data_type == onnx::TensorProto_DataType_BOOL;
  if (out.is_real()) {
    out.reals = x.is_real() ? x.reals : std::vector<double>(x.ints.begin(), x.ints.end());
    out.round_to_type();
  } else if (x.is_real()) {
    for (const double v : x.reals) out.ints.push_back(to_bool ? v != 0 : std::trunc(v));
  } else {
    for (const auto v : x.ints) out.ints.push_back(to_bool ? v != 0 : v);
  }
  return single(std::move(out));
}

Result reshape(const onnx::NodeProto& n, const ConstantTensor& x, const ConstantTensor& shape) {
  Dims64 dims = shape.as_ints();
  const bool allow_zero = int_attribute(n, "allowzero", 0) != 0;
  int inferred = -1;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == 0 && !allow_zero) {
      if (i >= x.dims.size()) return std::nullopt;
      dims[i] = x.dims[i];
    } else if (dims[i] == -1) {
      if (inferred >= 0) return std::nullopt;
      inferred = static_cast<int>(i);
    } else if (dims[i] < 0) {
      return std::nullopt;
    }
  }
  if (inferred >= 0) {
    dims[inferred] = 1;
    const std::int64_t rest = product(dims, 0, dims.size());
    if (rest == 0 || x.size() % rest) return std::nullopt;
    dims[inferred] = x.size() / rest;
  }
  if (product(dims, 0, dims.size()) != x.size()) return std::nullopt;
  ConstantTensor out = x;
  out.dims = dims;
  return single(std::move(out));
}

Result flatten(const onnx::NodeProto& n, const ConstantTensor& x) {
  const auto rank = static_cast<std::int64_t>(x.dims.size());
  std::int64_t axis = int_attribute(n, "axis", 1);
  if (axis < -rank || axis > rank) return std::nullopt;
  if (axis < 0) axis += rank;
  ConstantTensor out = x;
  out.dims = {product(x.dims, 0, axis), product(x.dims, axis, rank)};
  return single(std::move(out));
}

// Axes from the second input (opset 13 on) or the 'axes' attribute.
std::optional<Dims64> axes_of(const onnx::NodeProto& n, const Inputs& in, std::int64_t opset) {
  if (opset >= 13) {
    if (in.size() < 2 || !in[1]) return Dims64{};
    return in[1]->as_ints();
  }
  return ints_attribute(n, "axes", {});
}

Result squeeze(const onnx::NodeProto& n, const Inputs& in, std::int64_t opset) {
  const auto axes = axes_of(n, in, opset);
  const ConstantTensor& x = *in[0];
  const auto rank = static_cast<std::int64_t>(x.dims.size());
  std::vector<bool> drop(rank, false);
  for (const auto a : *axes) {
    const auto axis = axis_index(a, rank);
    if (!axis || x.dims[*axis] != 1) return std::nullopt;
    drop[*axis] = true;
  }
  ConstantTensor out = x;
  out.dims.clear();
  for (std::int64_t i = 0; i < rank; ++i)
    if (!(axes->empty() ? x.dims[i] == 1 : drop[i])) out.dims.push_back(x.dims[i]);
  return single(std::move(out));
}

Result unsqueeze(const onnx::NodeProto& n, const Inputs& in, std::int64_t opset) {
  const auto axes = axes_of(n, in, opset);
  const ConstantTensor& x = *in[0];
  const auto rank = static_cast<std::int64_t>(x.dims.size() + axes->size());
  std::vector<bool> inserted(rank, false);
  for (const auto a : *axes) {
    const auto axis = axis_index(a, rank);
    if (!axis || inserted[*axis]) return std::nullopt;
    inserted[*axis] = true;
  }
  ConstantTensor out = x;
  out.dims.clear();
  std::size_t next = 0;
  for (std::int64_t i = 0; i < rank; ++i) out.dims.push_back(inserted[i] ? 1 : x.dims[next++]);
  return single(std::move(out));
}

Result transpose(const onnx::NodeProto& n, const ConstantTensor& x) {
  const auto rank = static_cast<std::int64_t>(x.dims.size());
  Dims64 identity(rank);
  std::iota(identity.begin(), identity.end(), 0);
  Dims64 perm = ints_attribute(n, "perm", Dims64(identity.rbegin(), identity.rend()));
  Dims64 sorted = perm;
  std::sort(sorted.begin(), sorted.end());
  if (sorted != identity) return std::nullopt;
  Dims64 dims(rank);
  for (std::int64_t i = 0; i < rank; ++i) dims[i] = x.dims[perm[i]];
  const Dims64 strides = strides_of(x.dims);
  Dims64 index;
  index.reserve(x.size());
  for_each_index(dims, [&](const Dims64& at) {
    std::int64_t source = 0;
    for (std::int64_t i = 0; i < rank; ++i) source += at[i] * strides[perm[i]];
    index.push_back(source);
  });
  return single(gather_elements(x, dims, index));
}

Result concat(const onnx::NodeProto& n, const Inputs& in) {
  const ConstantTensor& first = *in[0];
  const auto rank = static_cast<std::int64_t>(first.dims.size());
  const auto axis = axis_index(int_attribute(n, "axis", 0), rank);
  if (!axis) return std::nullopt;
  ConstantTensor out;
  out.data_type = first.data_type;
  out.dims = first.dims;
  out.dims[*axis] = 0;
  for (const auto* t : in) {
    if (!t || t->data_type != first.data_type || t->dims.size() != first.dims.size())
      return std::nullopt;
    out.dims[*axis] += t->dims[*axis];
  }
  // Blocks of the inner dims, outer index by outer index, input by input.
  const std::int64_t outer = product(first.dims, 0, *axis);
  for (std::int64_t o = 0; o < outer; ++o)
    for (const auto* t : in) {
      const std::int64_t block = product(t->dims, *axis, rank);
      if (t->is_real())
        out.reals.insert(out.reals.end(), t->reals.begin() + o * block,
                         t->reals.begin() + (o + 1) * block);
      else
        out.ints.insert(out.ints.end(), t->ints.begin() + o * block,
                        t->ints.begin() + (o + 1) * block);
    }
  return single(std::move(out));
}

Result gather(const onnx::NodeProto& n, const ConstantTensor& data, const ConstantTensor& indices) {
  const auto rank = static_cast<std::int64_t>(data.dims.size());
  const auto axis = axis_index(int_attribute(n, "axis", 0), rank);
  if (!axis || indices.is_real()) return std::nullopt;
  Dims64 dims(data.dims.begin(), data.dims.begin() + *axis);
  dims.insert(dims.end(), indices.dims.begin(), indices.dims.end());
  dims.insert(dims.end(), data.dims.begin() + *axis + 1, data.dims.end());
  const std::int64_t outer = product(data.dims, 0, *axis);
  const std::int64_t inner = product(data.dims, *axis + 1, rank);
  const std::int64_t extent = data.dims[*axis];
  Dims64 index;
  for (std::int64_t o = 0; o < outer; ++o)
    for (const auto raw : indices.ints) {
      const std::int64_t k = raw < 0 ? raw + extent : raw;
      if (k < 0 || k >= extent) return std::nullopt;
      for (std::int64_t i = 0; i < inner; ++i) index.push_back((o * extent + k) * inner + i);
    }
  return single(gather_elements(data, dims, index));
}

Result slice(const onnx::NodeProto& n, const Inputs& in, std::int64_t opset) {
  const ConstantTensor& x = *in[0];
  const auto rank = static_cast<std::int64_t>(x.dims.size());
  Dims64 starts, ends, axes, steps;
  if (opset >= 10) {
    if (in.size() < 3 || !in[1] || !in[2]) return std::nullopt;
    starts = in[1]->as_ints();
    ends = in[2]->as_ints();
    if (in.size() > 3 && in[3]) axes = in[3]->as_ints();
    if (in.size() > 4 && in[4]) steps = in[4]->as_ints();
  } else {
    starts = ints_attribute(n, "starts", {});
    ends = ints_attribute(n, "ends", {});
    axes = ints_attribute(n, "axes", {});
  }
  if (axes.empty())
    for (std::size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<std::int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
    return std::nullopt;
  Dims64 first(rank, 0), step(rank, 1), dims = x.dims;
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const auto axis = axis_index(axes[i], rank);
    if (!axis || steps[i] == 0) return std::nullopt;
    const std::int64_t extent = x.dims[*axis];
    auto clamp = [&](std::int64_t v, std::int64_t low, std::int64_t high) {
      if (v < 0) v += extent;
      return std::clamp(v, low, high);
    };
    const bool up = steps[i] > 0;
    const std::int64_t s = clamp(starts[i], 0, up ? extent : extent - 1);
    const std::int64_t e = clamp(ends[i], up ? 0 : -1, up ? extent : extent - 1);
    const std::int64_t span = up ? e - s : s - e;
    const std::int64_t magnitude = up ? steps[i] : -steps[i];
    first[*axis] = s;
    step[*axis] = steps[i];
    dims[*axis] = span <= 0 ? 0 : (span + magnitude - 1) / magnitude;
  }
  const Dims64 strides = strides_of(x.dims);
  Dims64 index;
  for_each_index(dims, [&](const Dims64& at) {
    std::int64_t source = 0;
    for (std::int64_t i = 0; i < rank; ++i) source += (first[i] + at[i] * step[i]) * strides[i];
    index.push_back(source);
  });
  return single(gather_elements(x, dims, index));
}

// Numpy-style broadcasting of two shapes; nullopt when they do not broadcast.
std::optional<Dims64> broadcast(const Dims64& a, const Dims64& b) {
  const std::size_t rank = std::max(a.size(), b.size());
  Dims64 out(rank);
  for (std::size_t i = 0; i < rank; ++i) {
    const std::int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    const std::int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1) return std::nullopt;
    out[i] = da == 1 ? db : da;
  }
  return out;
}

// The element of `t` (shape broadcast to `dims`) at each index of `dims`.
Dims64 broadcast_index(const ConstantTensor& t, const Dims64& dims) {
  const std::size_t offset = dims.size() - t.dims.size();
  const Dims64 strides = strides_of(t.dims);
  Dims64 index;
  index.reserve(product(dims, 0, dims.size()));
  for_each_index(dims, [&](const Dims64& at) {
    std::int64_t source = 0;
    for (std::size_t i = 0; i < t.dims.size(); ++i)
      if (t.dims[i] != 1) source += at[i + offset] * strides[i];
    index.push_back(source);
  });
  return index;
}

Result arithmetic(const std::string& op, const ConstantTensor& a, const ConstantTensor& b) {
  const auto dims = broadcast(a.dims, b.dims);
  if (a.data_type != b.data_type || !dims) return std::nullopt;
  const Dims64 ia = broadcast_index(a, *dims), ib = broadcast_index(b, *dims);
  ConstantTensor out;
  out.data_type = a.data_type;
  out.dims = *dims;
  if (a.is_real()) {
    for (std::size_t i = 0; i < ia.size(); ++i) {
      const double x = a.reals[ia[i]], y = b.reals[ib[i]];
      out.reals.push_back(op == "Add" ? x + y : op == "Sub" ? x - y : op == "Mul" ? x * y : x / y);
    }
    out.round_to_type();
  } else {
    for (std::size_t i = 0; i < ia.size(); ++i) {
      const std::int64_t x = a.ints[ia[i]], y = b.ints[ib[i]];
      if (op == "Div" && y == 0) return std::nullopt;
      out.ints.push_back(op == "Add" ? x + y : op == "Sub" ? x - y : op == "Mul" ? x * y : x / y);
    }
  }
  return single(std::move(out));
}

Result equal(const ConstantTensor& a, const ConstantTensor& b) {
  const auto dims = broadcast(a.dims, b.dims);
  if (a.data_type != b.data_type || !dims) return std::nullopt;
  const Dims64 ia = broadcast_index(a, *dims), ib = broadcast_index(b, *dims);
  ConstantTensor out;
  out.data_type = onnx::TensorProto_DataType_BOOL;
  out.dims = *dims;
  for (std::size_t i = 0; i < ia.size(); ++i)
    out.ints.push_back(a.is_real() ? a.reals[ia[i]] == b.reals[ib[i]]
                                   : a.ints[ia[i]] == b.ints[ib[i]]);
  return single(std::move(out));
}

Result where(const ConstantTensor& condition, const ConstantTensor& x, const ConstantTensor& y) {
  auto dims = broadcast(condition.dims, x.dims);
  if (dims) dims = broadcast(*dims, y.dims);
  if (!dims || condition.is_real() || x.data_type != y.data_type) return std::nullopt;
  const Dims64 ic = broadcast_index(condition, *dims), ix = broadcast_index(x, *dims),
               iy = broadcast_index(y, *dims);
  ConstantTensor out;
  out.data_type = x.data_type;
  out.dims = *dims;
  for (std::size_t i = 0; i < ic.size(); ++i) {
    const bool pick_x = condition.ints[ic[i]] != 0;
    if (x.is_real())
      out.reals.push_back(pick_x ? x.reals[ix[i]] : y.reals[iy[i]]);
    else
      out.ints.push_back(pick_x ? x.ints[ix[i]] : y.ints[iy[i]]);
  }
  return single(std::move(out));
}

Result expand(const ConstantTensor& x, const ConstantTensor& shape) {
  const auto dims = broadcast(x.dims, shape.as_ints());
  if (!dims) return std::nullopt;
  return single(gather_elements(x, *dims, broadcast_index(x, *dims)));
}

Result constant_of_shape(const onnx::NodeProto& n, const ConstantTensor& shape) {
  ConstantTensor fill;
  fill.reals = {0.0};
  if (const auto* value = find_attribute(n, "value"); value && value->has_t()) {
    const auto t = from_proto(value->t());
    if (!t || t->size() != 1) return std::nullopt;
    fill = *t;
  }
  ConstantTensor out;
  out.data_type = fill.data_type;
  out.dims = shape.as_ints();
  const std::int64_t count = product(out.dims, 0, out.dims.size());
  if (out.is_real())
    out.reals.assign(count, fill.reals[0]);
  else
    out.ints.assign(count, fill.ints[0]);
  return single(std::move(out));
}

Result range(const ConstantTensor& start, const ConstantTensor& limit,
             const ConstantTensor& delta) {
  if (start.size() != 1 || limit.size() != 1 || delta.size() != 1) return std::nullopt;
  ConstantTensor out;
  out.data_type = start.data_type;
  if (start.is_real()) {
    const double s = start.reals[0], d = delta.reals[0];
    if (d == 0) return std::nullopt;
    const auto count = std::max<std::int64_t>(std::ceil((limit.reals[0] - s) / d), 0);
    for (std::int64_t i = 0; i < count; ++i) out.reals.push_back(s + i * d);
    out.round_to_type();
  } else {
    const std::int64_t s = start.ints[0], d = delta.ints[0];
    if (d == 0) return std::nullopt;
    const double span = static_cast<double>(limit.ints[0] - s);
    const auto count = std::max<std::int64_t>(std::ceil(span / static_cast<double>(d)), 0);
    for (std::int64_t i = 0; i < count; ++i) out.ints.push_back(s + i * d);
  }
  out.dims = {static_cast<std::int64_t>(out.is_real() ? out.reals.size() : out.ints.size())};
  return single(std::move(out));
}

// The number of inputs each op needs present; optional ones may be left out.
const std::map<std::string, std::size_t>& required_inputs() {
  static const std::map<std::string, std::size_t> ops{
      {"Identity", 1},  {"Cast", 1},      {"Reshape", 2}, {"Flatten", 1}, {"Squeeze", 1},
      {"Unsqueeze", 1}, {"Transpose", 1}, {"Concat", 1},  {"Gather", 2},  {"Slice", 1},
      {"Add", 2},       {"Sub", 2},       {"Mul", 2},     {"Div", 2},     {"ConstantOfShape", 1},
      {"Range", 3},     {"Equal", 2},     {"Where", 3},   {"Expand", 2},
  };
  return ops;
}

}  // namespace

bool foldable_op(const onnx::NodeProto& node) {
  return (node.domain().empty() || node.domain() == "ai.onnx") &&
         required_inputs().count(node.op_type());
}

std::optional<std::vector<ConstantTensor>> fold_node(const onnx::NodeProto& n, const Inputs& in,
                                                     std::int64_t opset) {
  if (!foldable_op(n) || in.size() < required_inputs().at(n.op_type())) return std::nullopt;
  for (std::size_t i = 0; i < required_inputs().at(n.op_type()); ++i)
    if (!in[i]) return std::nullopt;
  const std::string& op = n.op_type();
  if (op == "Identity") return single(*in[0]);
  if (op == "Cast") return cast(n, *in[0]);
  if (op == "Reshape") return reshape(n, *in[0], *in[1]);
  if (op == "Flatten") return flatten(n, *in[0]);
  if (op == "Squeeze") return squeeze(n, in, opset);
  if (op == "Unsqueeze") return unsqueeze(n, in, opset);
  if (op == "Transpose") return transpose(n, *in[0]);
  if (op == "Concat") return concat(n, in);
  if (op == "Gather") return gather(n, *in[0], *in[1]);
  if (op == "Slice") return slice(n, in, opset);
  if (op == "ConstantOfShape") return constant_of_shape(n, *in[0]);
  if (op == "Range") return range(*in[0], *in[1], *in[2]);
  if (op == "Equal") return equal(*in[0], *in[1]);
  if (op == "Where") return where(*in[0], *in[1], *in[2]);
  if (op == "Expand") return expand(*in[0], *in[1]);
  return arithmetic(op, *in[0], *in[1]);
}

}  // namespace onnxbench::model
