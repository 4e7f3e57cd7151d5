#include "core/tensor_pb.h"

#include <onnx/onnx_pb.h>

#include <cstring>

#include "core/error.h"
#include "core/file_io.h"

namespace onnxbench {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw InputError(path + ": not a readable ONNX TensorProto: " + what);
}

// Copies a repeated typed field into the tensor, narrowing each element to T.
template <typename T, typename Field>
void copy_field(const Field& field, Tensor& t, const std::string& path, const char* name) {
  if (field.size() != t.element_count())
    fail(path, std::string("field '") + name + "' has " + std::to_string(field.size()) +
                   " values, dims " + shape_to_string(t.shape) + " need " +
                   std::to_string(t.element_count()));
  T* out = t.as<T>();
  for (int i = 0; i < field.size(); ++i) out[i] = static_cast<T>(field.Get(i));
}

}  // namespace

NamedTensor read_tensor_pb(const std::string& path) {
  const std::string bytes = read_file(path);
  onnx::TensorProto proto;
  if (!proto.ParseFromString(bytes)) fail(path, "protobuf parse failed");
  const auto type = dtype_from_onnx_code(proto.data_type());
  if (!type)
    fail(path, "field 'data_type' is " + std::to_string(proto.data_type()) +
                   ", expected a number or bool type");
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    fail(path, "field 'data_location' is EXTERNAL, expected the data inside the file");
  Shape shape(proto.dims().begin(), proto.dims().end());
  for (auto d : shape)
    if (d < 0) fail(path, "field 'dims' has a negative dimension");
  NamedTensor out{proto.name(), Tensor(*type, shape)};
  Tensor& t = out.tensor;
  if (proto.has_raw_data()) {
    if (proto.raw_data().size() != t.byte_size())
      fail(path, "field 'raw_data' is " + std::to_string(proto.raw_data().size()) +
                     " bytes, dims " + shape_to_string(shape) + " need " +
                     std::to_string(t.byte_size()));
    std::memcpy(t.data.data(), proto.raw_data().data(), t.byte_size());
    return out;
  }
  switch (*type) {
    case DType::kFloat32:
      copy_field<float>(proto.float_data(), t, path, "float_data");
      break;
    case DType::kFloat64:
      copy_field<double>(proto.double_data(), t, path, "double_data");
      break;
    case DType::kInt64:
      copy_field<std::int64_t>(proto.int64_data(), t, path, "int64_data");
      break;
    case DType::kUInt32:
      copy_field<std::uint32_t>(proto.uint64_data(), t, path, "uint64_data");
      break;
    case DType::kUInt64:
      copy_field<std::uint64_t>(proto.uint64_data(), t, path, "uint64_data");
      break;
    case DType::kInt32:
      copy_field<std::int32_t>(proto.int32_data(), t, path, "int32_data");
      break;
    case DType::kInt16:
      copy_field<std::int16_t>(proto.int32_data(), t, path, "int32_data");
      break;
    case DType::kUInt16:
    case DType::kFloat16:  // float16 bits are stored in int32_data
      copy_field<std::uint16_t>(proto.int32_data(), t, path, "int32_data");
      break;
    case DType::kInt8:
      copy_field<std::int8_t>(proto.int32_data(), t, path, "int32_data");
      break;
    case DType::kUInt8:
    case DType::kBool:
      copy_field<std::uint8_t>(proto.int32_data(), t, path, "int32_data");
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
