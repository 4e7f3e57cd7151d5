// The .npy reader (core/npy.h) that --input, --calib and data sets use. What it accepts must
// write back and read again as the same tensor.
#include "core/error.h"
#include "core/npy.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onnxbench;
  Tensor t;
  try {
    t = parse_npy(fuzz::text_of(data, size), "fuzz.npy");
  } catch (const InputError&) {
    return 0;
  }
  const Tensor again = parse_npy(format_npy(t), "written.npy");
  if (again.dtype != t.dtype || again.shape != t.shape || again.data != t.data)
    fuzz::finding("a tensor read from .npy does not read back the same after writing");
  return 0;
}
