#include "core/tensor_pb.h"

#include <onnx/onnx_pb.h>

#include <algorithm>

#include "core/error.h"
#include "core/file_io.h"

namespace onnxbench {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw InputError(path + ": not a readable ONNX TensorProto: " + what);
}

// The number of values a typed field holds, for the size check before anything is allocated.
std::int64_t typed_field_size(const onnx::TensorProto& p, DType type) {
  switch (type) {
    case DType::kFloat32:
      return p.float_data_size();
    case DType::kFloat64:
      return p.double_data_size();
    case DType::kInt64:
      return p.int64_data_size();
    case DType::kUInt32:
    case DType::kUInt64:
      return p.uint64_data_size();
    default:
      return p.int32_data_size();
  }
}

const char* typed_field_name(DType type) {
  switch (type) {
    case DType::kFloat32:
      return "float_data";
    case DType::kFloat64:
      return "double_data";
    case DType::kInt64:
      return "int64_data";
    case DType::kUInt32:
    case DType::kUInt64:
      return "uint64_data";
    default:
      return "int32_data";
  }
}

// Copies a repeated typed field (its size already checked) into the tensor, narrowing each
// element to T.
template <typename T, typename Field>
void copy_field(const Field& field, Tensor& t) {
  T* out = t.as<T>();
  for (int i = 0; i < field.size(); ++i) out[i] = static_cast<T>(field.Get(i));
}

}  // namespace

NamedTensor read_tensor_pb(const std::string& path) {
  return parse_tensor_pb(read_file(path), path);
}

NamedTensor parse_tensor_pb(const std::string& bytes, const std::string& path) {
  onnx::TensorProto proto;
  if (!proto.ParseFromString(bytes)) fail(path, "protobuf parse failed");
  const auto type = dtype_from_onnx_code(proto.data_type());
  if (!type)
    fail(path, "field 'data_type' is " + std::to_string(proto.data_type()) +
                   ", expected a number or bool type");
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    fail(path, "field 'data_location' is EXTERNAL, expected the data inside the file");
  Shape shape(proto.dims().begin(), proto.dims().end());
  const std::string what = path + ": tensor '" + proto.name() + "'";
  const std::uint64_t needed = checked_byte_size(shape, dtype_size(*type), what);
  // Sizes are compared with what the file holds before the tensor is allocated.
  if (proto.has_raw_data() && proto.raw_data().size() != needed)
    fail(path, "field 'raw_data' is " + std::to_string(proto.raw_data().size()) + " bytes, dims " +
                   shape_to_string(shape) + " need " + std::to_string(needed));
  const std::int64_t count = element_count(shape);
  if (!proto.has_raw_data() && typed_field_size(proto, *type) != count)
    fail(path, std::string("field '") + typed_field_name(*type) + "' has " +
                   std::to_string(typed_field_size(proto, *type)) + " values, dims " +
                   shape_to_string(shape) + " need " + std::to_string(count));
  NamedTensor out{proto.name(), Tensor(*type, shape)};
  Tensor& t = out.tensor;
  if (proto.has_raw_data()) {
    // copy_n, not memcpy: an empty tensor's data() may be null, which memcpy must not be given.
    std::copy_n(proto.raw_data().data(), t.byte_size(), t.data.data());
    return out;
  }
  switch (*type) {
    case DType::kFloat32:
      copy_field<float>(proto.float_data(), t);
      break;
    case DType::kFloat64:
      copy_field<double>(proto.double_data(), t);
      break;
    case DType::kInt64:
      copy_field<std::int64_t>(proto.int64_data(), t);
      break;
    case DType::kUInt32:
      copy_field<std::uint32_t>(proto.uint64_data(), t);
      break;
    case DType::kUInt64:
      copy_field<std::uint64_t>(proto.uint64_data(), t);
      break;
    case DType::kInt32:
      copy_field<std::int32_t>(proto.int32_data(), t);
      break;
    case DType::kInt16:
      copy_field<std::int16_t>(proto.int32_data(), t);
      break;
    case DType::kUInt16:
    case DType::kFloat16:  // float16 and bfloat16 bits are stored in int32_data
    case DType::kBFloat16:
      copy_field<std::uint16_t>(proto.int32_data(), t);
      break;
    case DType::kInt8:
      copy_field<std::int8_t>(proto.int32_data(), t);
      break;
    case DType::kUInt8:
    case DType::kBool:
      copy_field<std::uint8_t>(proto.int32_data(), t);
      break;
  }
  return out;
}

void write_tensor_pb(const std::string& path, const Tensor& tensor, const std::string& name) {
  onnx::TensorProto proto;
  proto.set_name(name);
  proto.set_data_type(dtype_onnx_code(tensor.dtype));
  for (auto d : tensor.shape) proto.add_dims(d);
  proto.set_raw_data(tensor.data.data(), tensor.byte_size());
  write_file(path, proto.SerializeAsString());
}

}  // namespace onnxbench
