// The search-space JSON of `zoo sample --space` and `latency table|fit|validate`
// (zoo/search_space.h), either family. Every architecture drawn from a space the reader accepts
// must itself be a valid architecture.
#include "core/error.h"
#include "fuzz_input.h"
#include "zoo/search_space.h"

namespace {

using namespace onnxbench::model;

void check_drawn(const Architecture& arch) {
  try {
    architecture_from_json(nlohmann::json::parse(architecture_to_json(arch).dump()), "drawn.json");
  } catch (const onnxbench::InputError& e) {
    onnxbench::fuzz::finding(std::string("a drawn architecture is not valid: ") + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(onnxbench::fuzz::text_of(data, size));
  } catch (const nlohmann::json::exception&) {
    return 0;
  }
  const bool resnet = json.is_object() && json.value("family", nlohmann::json()) == "resnet";
  try {
    if (resnet) {
      for (const auto& a :
           sample_resnet_architectures(resnet_space_from_json(json, "f.json"), 3, 7))
        check_drawn(a);
    } else {
      const MobileNetV2Space space = space_from_json(json, "fuzz.json");
      if (space_size(space) == 0) onnxbench::fuzz::finding("an accepted space holds nothing");
      for (const auto& a : sample_architectures(space, 3, 7)) check_drawn(a);
    }
  } catch (const onnxbench::InputError&) {
  }
  return 0;
}
