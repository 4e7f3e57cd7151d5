// The ONNX TensorProto reader (core/tensor_pb.h) of test-data folders (input_0.pb, output_0.pb).
#include <google/protobuf/stubs/logging.h>

#include "core/error.h"
#include "core/tensor_pb.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onnxbench;
  try {
    const NamedTensor t = parse_tensor_pb(fuzz::text_of(data, size), "fuzz.pb");
    if (t.tensor.data.size() != checked_byte_size(t.tensor.shape, dtype_size(t.tensor.dtype), "t"))
      fuzz::finding("a tensor read from .pb holds another byte count than its shape needs");
  } catch (const InputError&) {
  }
  return 0;
}
