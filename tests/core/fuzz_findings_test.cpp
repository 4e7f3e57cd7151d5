// What the fuzzers (fuzz/) found in core's readers, kept as regressions. The inputs are in the
// seed corpora too (fuzz/corpus/npy/empty.npy, fuzz/corpus/tensor_pb/raw_empty.pb).
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include "core/npy.h"
#include "core/tensor_pb.h"

namespace onnxbench {
namespace {

// fuzz_npy: an empty tensor's data() is null, and copying its 0 bytes with memcpy was undefined
// behaviour (UBSan: null pointer passed as argument 1).
TEST(FuzzFindings, AnEmptyNpyTensorReads) {
  const Tensor empty(DType::kFloat64, {0, 3});
  const Tensor back = parse_npy(format_npy(empty), "empty.npy");
  EXPECT_EQ(back.shape, (Shape{0, 3}));
  EXPECT_EQ(back.dtype, DType::kFloat64);
  EXPECT_TRUE(back.data.empty());
}

// fuzz_tensor_pb: the same in the TensorProto reader's raw_data copy.
TEST(FuzzFindings, AnEmptyTensorProtoReads) {
  onnx::TensorProto proto;
  proto.set_name("empty");
  proto.set_data_type(onnx::TensorProto_DataType_FLOAT);
  proto.add_dims(0);
  proto.add_dims(4);
  proto.set_raw_data("");
  const NamedTensor back = parse_tensor_pb(proto.SerializeAsString(), "empty.pb");
  EXPECT_EQ(back.name, "empty");
  EXPECT_EQ(back.tensor.shape, (Shape{0, 4}));
  EXPECT_TRUE(back.tensor.data.empty());
}

}  // namespace
}  // namespace onnxbench
