// The calibration table of `quantize --calib-table` (quant/calibration_table.h). Every range it
// accepts must be ordered, as quantization parameters are computed from it.
#include "core/error.h"
#include "fuzz_input.h"
#include "quant/calibration_table.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onnxbench;
  try {
    const quant::CalibrationTable table =
        quant::parse_calibration_table(fuzz::text_of(data, size), "fuzz.json");
    for (const auto& [name, t] : table.tensors)
      if (!(t.range.lo <= t.range.hi)) fuzz::finding("tensor '" + name + "' has lo above hi");
  } catch (const InputError&) {
  }
  return 0;
}
