#include "latency/space.h"

#include <algorithm>

#include "core/error.h"
#include "core/json_fields.h"

namespace onnxbench::latency {
namespace {

std::vector<model::Architecture> cover(const model::MobileNetV2Space& s) {
  std::size_t combos = 1;
  for (const auto& st : s.stages) combos = std::max(combos, st.expansion.size() * st.kernel.size());
  std::vector<model::Architecture> out;
  for (const auto size : s.input_size)
    for (const double width : s.width_mult)
      for (std::size_t j = 0; j < combos; ++j) {
        model::MobileNetV2Arch a;
        a.input_size = size;
        a.width_mult = width;
        a.num_classes = s.num_classes;
        a.stem_channels = s.stem_channels;
        a.stem_stride = s.stem_stride;
        a.last_channels = s.last_channels;
        for (const auto& st : s.stages) {
          const std::size_t c = j % (st.expansion.size() * st.kernel.size());
          a.stages.push_back({st.expansion[c / st.kernel.size()], st.kernel[c % st.kernel.size()],
                              *std::max_element(st.depth.begin(), st.depth.end()), st.channels,
                              st.stride});
        }
        out.push_back(std::move(a));
      }
  return out;
}

std::vector<model::Architecture> cover(const model::ResNetSpace& s) {
  std::vector<std::int64_t> deepest;
  for (const auto& st : s.stages)
    deepest.push_back(*std::max_element(st.depth.begin(), st.depth.end()));
  std::vector<model::Architecture> out;
  for (const auto& block : s.block)
    for (const auto size : s.input_size)
      for (const double width : s.width_mult)
        out.emplace_back(model::resnet_of(s, block, size, width, deepest));
  return out;
}

std::vector<model::MobileNetV2Arch> draw(const model::MobileNetV2Space& s, std::uint64_t count,
                                         std::uint64_t seed) {
  return model::sample_architectures(s, count, seed);
}

std::vector<model::ResNetArch> draw(const model::ResNetSpace& s, std::uint64_t count,
                                    std::uint64_t seed) {
  return model::sample_resnet_architectures(s, count, seed);
}

}  // namespace

Space read_latency_space(const std::string& path) {
  const nlohmann::json json = read_json_file(path);
  const JsonFields f(json, path);
  if (!f.value("family").is_string()) f.fail("family", "expected a string");
  Space s;
  s.path = path;
  s.family = f.value("family").get<std::string>();
  if (s.family == "mobilenet_v2") {
    s.space = model::space_from_json(json, path);
  } else if (s.family == "resnet") {
    s.space = model::resnet_space_from_json(json, path);
  } else {
    f.fail("family",
           "latency knows the search spaces of mobilenet_v2 and resnet, got \"" + s.family + "\"");
  }
  return s;
}

std::vector<model::Architecture> covering_architectures(const Space& space) {
  return std::visit([](const auto& s) { return cover(s); }, space.space);
}

std::vector<model::Architecture> sample(const Space& space, std::uint64_t count,
                                        std::uint64_t seed) {
  return std::visit(
      [&](const auto& s) {
        std::vector<model::Architecture> out;
        for (auto& a : draw(s, count, seed)) out.emplace_back(std::move(a));
        return out;
      },
      space.space);
}

}  // namespace onnxbench::latency
