// The architecture JSON of `zoo generate --arch` (zoo/architecture.h). What it accepts must write
// back and read again as the same architecture (zoo sample writes them next to each model).
#include "core/error.h"
#include "fuzz_input.h"
#include "zoo/architecture.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onnxbench::model;
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(onnxbench::fuzz::text_of(data, size));
  } catch (const nlohmann::json::exception&) {
    return 0;  // read_architecture: "not valid JSON"
  }
  Architecture arch;
  try {
    arch = architecture_from_json(json, "fuzz.json");
  } catch (const onnxbench::InputError&) {
    return 0;
  }
  const auto written = nlohmann::json::parse(architecture_to_json(arch).dump());
  if (!(architecture_from_json(written, "written.json") == arch))
    onnxbench::fuzz::finding("an architecture does not read back the same after writing");
  return 0;
}
