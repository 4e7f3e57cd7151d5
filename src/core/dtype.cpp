#include "core/dtype.h"

namespace onnxbench {
namespace {

struct DTypeInfo {
  DType type;
  std::size_t size;
  std::string_view name;
  std::string_view npy;
  int onnx;  // onnx::TensorProto_DataType
};

constexpr DTypeInfo kTable[] = {
    {DType::kFloat32, 4, "float32", "f4", 1},    {DType::kUInt8, 1, "uint8", "u1", 2},
    {DType::kInt8, 1, "int8", "i1", 3},          {DType::kUInt16, 2, "uint16", "u2", 4},
    {DType::kInt16, 2, "int16", "i2", 5},        {DType::kInt32, 4, "int32", "i4", 6},
    {DType::kInt64, 8, "int64", "i8", 7},        {DType::kBool, 1, "bool", "b1", 9},
    {DType::kFloat16, 2, "float16", "f2", 10},   {DType::kFloat64, 8, "float64", "f8", 11},
    {DType::kUInt32, 4, "uint32", "u4", 12},     {DType::kUInt64, 8, "uint64", "u8", 13},
    {DType::kBFloat16, 2, "bfloat16", "V2", 16},
};

const DTypeInfo& info(DType t) {
  for (const auto& i : kTable)
    if (i.type == t) return i;
  return kTable[0];
}

template <typename Key, typename Field>
std::optional<DType> find(Key key, Field field) {
  for (const auto& i : kTable)
    if (i.*field == key) return i.type;
  return std::nullopt;
}

}  // namespace

std::size_t dtype_size(DType t) { return info(t).size; }
std::string_view dtype_name(DType t) { return info(t).name; }
std::optional<DType> dtype_from_name(std::string_view n) { return find(n, &DTypeInfo::name); }
std::string_view dtype_npy_code(DType t) { return info(t).npy; }
std::optional<DType> dtype_from_npy_code(std::string_view c) { return find(c, &DTypeInfo::npy); }
int dtype_onnx_code(DType t) { return info(t).onnx; }
std::optional<DType> dtype_from_onnx_code(int c) { return find(c, &DTypeInfo::onnx); }

}  // namespace onnxbench
