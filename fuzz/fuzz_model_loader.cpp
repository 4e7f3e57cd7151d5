// The strict model loader every command goes through (graph/loader.h), from bytes: protobuf
// parsing, the header and op checks, the structural checks (cycles, undefined inputs, tensor
// sizes) and ONNX's checker with strict shape inference. A refusal must be an InputError.
#include <google/protobuf/stubs/logging.h>

#include "core/error.h"
#include "fuzz_input.h"
#include "graph/loader.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(nullptr);  // a parse failure is expected, not news
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // No folder: a model naming external data is refused, nothing is read from disk.
  try {
    onnxbench::model::parse_model(onnxbench::fuzz::text_of(data, size), "fuzz.onnx", "");
  } catch (const onnxbench::InputError&) {
  }
  return 0;
}
