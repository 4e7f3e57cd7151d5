#include "graph/constant_tensor.h"

#include <cstring>

#include "core/half.h"

namespace onnxbench::model {
namespace {

bool real_type(int t) {
  return t == onnx::TensorProto_DataType_FLOAT || t == onnx::TensorProto_DataType_DOUBLE ||
         t == onnx::TensorProto_DataType_FLOAT16;
}

template <typename T, typename Out>
void read_raw(const std::string& raw, std::vector<Out>& out) {
  out.resize(raw.size() / sizeof(T));
  for (std::size_t i = 0; i < out.size(); ++i) {
    T v;
    std::memcpy(&v, raw.data() + i * sizeof(T), sizeof(T));
    out[i] = static_cast<Out>(v);
  }
}

template <typename T, typename In>
void append_raw(std::string& raw, const std::vector<In>& values) {
  raw.reserve(values.size() * sizeof(T));
  for (const In v : values) {
    const T t = static_cast<T>(v);
    raw.append(reinterpret_cast<const char*>(&t), sizeof t);
  }
}

// Elements stored in the typed fields rather than raw_data.
void read_fields(const onnx::TensorProto& p, ConstantTensor& t) {
  switch (p.data_type()) {
    case onnx::TensorProto_DataType_FLOAT:
      t.reals.assign(p.float_data().begin(), p.float_data().end());
      break;
    case onnx::TensorProto_DataType_DOUBLE:
      t.reals.assign(p.double_data().begin(), p.double_data().end());
      break;
    case onnx::TensorProto_DataType_FLOAT16:
      for (const auto bits : p.int32_data())
        t.reals.push_back(half_to_float(static_cast<std::uint16_t>(bits)));
      break;
    case onnx::TensorProto_DataType_INT64:
      t.ints.assign(p.int64_data().begin(), p.int64_data().end());
      break;
    case onnx::TensorProto_DataType_UINT32:
      t.ints.assign(p.uint64_data().begin(), p.uint64_data().end());
      break;
    default:  // the other integers and bool are stored in int32_data
      t.ints.assign(p.int32_data().begin(), p.int32_data().end());
  }
}

void read_raw_data(const onnx::TensorProto& p, ConstantTensor& t) {
  const std::string& raw = p.raw_data();
  switch (p.data_type()) {
    case onnx::TensorProto_DataType_FLOAT:
      return read_raw<float>(raw, t.reals);
    case onnx::TensorProto_DataType_DOUBLE:
      return read_raw<double>(raw, t.reals);
    case onnx::TensorProto_DataType_FLOAT16:
      read_raw<std::uint16_t>(raw, t.reals);
      for (double& v : t.reals) v = half_to_float(static_cast<std::uint16_t>(v));
      return;
    case onnx::TensorProto_DataType_INT64:
      return read_raw<std::int64_t>(raw, t.ints);
    case onnx::TensorProto_DataType_INT32:
      return read_raw<std::int32_t>(raw, t.ints);
    case onnx::TensorProto_DataType_INT16:
      return read_raw<std::int16_t>(raw, t.ints);
    case onnx::TensorProto_DataType_INT8:
      return read_raw<std::int8_t>(raw, t.ints);
    case onnx::TensorProto_DataType_UINT32:
      return read_raw<std::uint32_t>(raw, t.ints);
    case onnx::TensorProto_DataType_UINT16:
      return read_raw<std::uint16_t>(raw, t.ints);
    default:
      return read_raw<std::uint8_t>(raw, t.ints);  // uint8 and bool
  }
}

}  // namespace

bool ConstantTensor::is_real() const { return real_type(data_type); }

std::int64_t ConstantTensor::size() const {
  std::int64_t n = 1;
  for (const auto d : dims) n *= d;
  return n;
}

std::int64_t ConstantTensor::int_at(std::int64_t i) const {
  return is_real() ? static_cast<std::int64_t>(reals[i]) : ints[i];
}

std::vector<std::int64_t> ConstantTensor::as_ints() const {
  std::vector<std::int64_t> out(size());
  for (std::int64_t i = 0; i < size(); ++i) out[i] = int_at(i);
  return out;
}

void ConstantTensor::round_to_type() {
  if (data_type == onnx::TensorProto_DataType_FLOAT)
    for (double& v : reals) v = static_cast<float>(v);
  else if (data_type == onnx::TensorProto_DataType_FLOAT16)
    for (double& v : reals) v = half_to_float(float_to_half(static_cast<float>(v)));
}

bool foldable_type(int t) {
  switch (t) {
    case onnx::TensorProto_DataType_FLOAT:
    case onnx::TensorProto_DataType_DOUBLE:
    case onnx::TensorProto_DataType_FLOAT16:
    case onnx::TensorProto_DataType_INT64:
    case onnx::TensorProto_DataType_INT32:
    case onnx::TensorProto_DataType_INT16:
    case onnx::TensorProto_DataType_INT8:
    case onnx::TensorProto_DataType_UINT32:
    case onnx::TensorProto_DataType_UINT16:
    case onnx::TensorProto_DataType_UINT8:
    case onnx::TensorProto_DataType_BOOL:
      return true;
    default:
      return false;
  }
}

std::optional<ConstantTensor> from_proto(const onnx::TensorProto& p) {
  if (!foldable_type(p.data_type()) || p.data_location() == onnx::TensorProto_DataLocation_EXTERNAL)
    return std::nullopt;
  ConstantTensor t;
  t.data_type = p.data_type();
  t.dims.assign(p.dims().begin(), p.dims().end());
  if (p.has_raw_data())
    read_raw_data(p, t);
  else
    read_fields(p, t);
  const auto count = static_cast<std::int64_t>(t.is_real() ? t.reals.size() : t.ints.size());
  if (count != t.size()) return std::nullopt;
  return t;
}

onnx::TensorProto to_proto(const ConstantTensor& t, const std::string& name) {
  onnx::TensorProto p;
  p.set_name(name);
  p.set_data_type(t.data_type);
  for (const auto d : t.dims) p.add_dims(d);
  std::string raw;
  switch (t.data_type) {
    case onnx::TensorProto_DataType_FLOAT:
      append_raw<float>(raw, t.reals);
      break;
    case onnx::TensorProto_DataType_DOUBLE:
      append_raw<double>(raw, t.reals);
      break;
    case onnx::TensorProto_DataType_FLOAT16:
      for (const double v : t.reals) {
        const std::uint16_t bits = float_to_half(static_cast<float>(v));
        raw.append(reinterpret_cast<const char*>(&bits), sizeof bits);
      }
      break;
    case onnx::TensorProto_DataType_INT64:
      append_raw<std::int64_t>(raw, t.ints);
      break;
    case onnx::TensorProto_DataType_INT32:
      append_raw<std::int32_t>(raw, t.ints);
      break;
    case onnx::TensorProto_DataType_INT16:
      append_raw<std::int16_t>(raw, t.ints);
      break;
    case onnx::TensorProto_DataType_INT8:
      append_raw<std::int8_t>(raw, t.ints);
      break;
    case onnx::TensorProto_DataType_UINT32:
      append_raw<std::uint32_t>(raw, t.ints);
      break;
    case onnx::TensorProto_DataType_UINT16:
      append_raw<std::uint16_t>(raw, t.ints);
      break;
    default:
      append_raw<std::uint8_t>(raw, t.ints);  // uint8 and bool
  }
  p.set_raw_data(raw);
  return p;
}

ConstantTensor int64_constant(std::vector<std::int64_t> dims, std::vector<std::int64_t> values) {
  ConstantTensor t;
  t.data_type = onnx::TensorProto_DataType_INT64;
  t.dims = std::move(dims);
  t.ints = std::move(values);
  return t;
}

}  // namespace onnxbench::model
