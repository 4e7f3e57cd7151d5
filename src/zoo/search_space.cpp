#include "zoo/search_space.h"

#include <limits>

#include "core/error.h"
#include "core/json_fields.h"
#include "core/random.h"
#include "zoo/generators.h"

namespace onnxbench::model {
namespace {

// A field that is one value or a non-empty list of values, each checked by `problem`.
template <typename Problem>
std::vector<nlohmann::json> choices(const JsonFields& f, const std::string& field,
                                    Problem problem) {
  const nlohmann::json& v = f.value(field);
  std::vector<nlohmann::json> out;
  if (!v.is_array()) {
    out.push_back(v);
  } else if (v.empty()) {
    f.fail(field, "expected a value or a non-empty list of choices, got []");
  } else {
    out.assign(v.begin(), v.end());
  }
  for (std::size_t i = 0; i < out.size(); ++i)
    if (const std::string p = problem(out[i]); !p.empty())
      throw InputError(f.source() + ": " +
                       f.where(field, v.is_array() ? std::optional(i) : std::nullopt) + ": " + p);
  return out;
}

std::vector<std::int64_t> integer_choices(const JsonFields& f, const std::string& field,
                                          std::int64_t min, std::int64_t max) {
  std::vector<std::int64_t> out;
  for (const auto& v :
       choices(f, field, [&](const nlohmann::json& x) { return integer_problem(x, min, max); }))
    out.push_back(v.get<std::int64_t>());
  return out;
}

MobileNetV2StageSpace stage_space(const JsonFields& f) {
  f.reject_unknown({"expansion", "kernel", "depth", "channels", "stride"});
  MobileNetV2StageSpace s;
  std::vector<std::int64_t>* lists[] = {&s.expansion, &s.kernel, &s.depth};
  const char* names[] = {"expansion", "kernel", "depth"};
  for (int i = 0; i < 3; ++i)
    for (const auto& v : choices(f, names[i], [&](const nlohmann::json& x) {
           return mobilenet_v2_stage_problem(names[i], x);
         }))
      lists[i]->push_back(v.get<std::int64_t>());
  for (const char* field : {"channels", "stride"})
    if (const std::string p = mobilenet_v2_stage_problem(field, f.value(field)); !p.empty())
      f.fail(field, p);
  s.channels = f.value("channels").get<std::int64_t>();
  s.stride = f.value("stride").get<std::int64_t>();
  return s;
}

}  // namespace

MobileNetV2Space space_from_json(const nlohmann::json& json, const std::string& source) {
  const JsonFields f(json, source);
  if (f.text("family", {"mobilenet_v2", "resnet", "transformer_encoder"}) != "mobilenet_v2")
    f.fail("family",
           "zoo sample draws only from mobilenet_v2 spaces, got " + f.value("family").dump());
  f.reject_unknown({"family", "input_size", "width_mult", "num_classes", "stem_channels",
                    "stem_stride", "last_channels", "stages"});
  MobileNetV2Space s;
  s.input_size = integer_choices(f, "input_size", 1, 4096);
  for (const auto& v : choices(f, "width_mult", [](const nlohmann::json& x) {
         return x.is_number() && x.get<double>() >= 0.05 && x.get<double>() <= 4.0
                    ? std::string()
                    : "expected a number in [0.05, 4], got " + x.dump();
       }))
    s.width_mult.push_back(v.get<double>());
  s.num_classes = f.integer("num_classes", 1, 100000, s.num_classes);
  s.stem_channels = f.integer("stem_channels", 1, 4096, s.stem_channels);
  s.stem_stride = f.integer("stem_stride", 1, 2, s.stem_stride);
  s.last_channels = f.integer("last_channels", 1, 16384, s.last_channels);
  const nlohmann::json& stages = f.array("stages");
  for (std::size_t i = 0; i < stages.size(); ++i)
    s.stages.push_back(stage_space(JsonFields(stages[i], source, f.where("stages", i))));
  return s;
}

MobileNetV2Space read_space(const std::string& path) {
  const nlohmann::json json = read_json_file(path);
  return space_from_json(json, path);
}

std::uint64_t space_size(const MobileNetV2Space& space) {
  std::uint64_t size = 1;
  auto times = [&](std::size_t n) {
    size = size > std::numeric_limits<std::uint64_t>::max() / n
               ? std::numeric_limits<std::uint64_t>::max()
               : size * n;
  };
  times(space.input_size.size());
  times(space.width_mult.size());
  for (const auto& s : space.stages) {
    times(s.expansion.size());
    times(s.kernel.size());
    times(s.depth.size());
  }
  return size;
}

std::vector<MobileNetV2Arch> sample_architectures(const MobileNetV2Space& space,
                                                  std::uint64_t count, std::uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<MobileNetV2Arch> out;
  for (std::uint64_t n = 0; n < count; ++n) {
    MobileNetV2Arch a;
    a.input_size = rng.choose(space.input_size);
    a.width_mult = rng.choose(space.width_mult);
    a.num_classes = space.num_classes;
    a.stem_channels = space.stem_channels;
    a.stem_stride = space.stem_stride;
    a.last_channels = space.last_channels;
    for (const auto& s : space.stages)
      a.stages.push_back({rng.choose(s.expansion), rng.choose(s.kernel), rng.choose(s.depth),
                          s.channels, s.stride});
    out.push_back(std::move(a));
  }
  return out;
}

ResNetSpace resnet_space_from_json(const nlohmann::json& json, const std::string& source) {
  const JsonFields f(json, source);
  f.reject_unknown(
      {"family", "block", "input_size", "width_mult", "num_classes", "stem_channels", "stages"});
  ResNetSpace s;
  for (const auto& v : choices(f, "block", [](const nlohmann::json& x) {
         return x == "basic" || x == "bottleneck"
                    ? std::string()
                    : "expected \"basic\" or \"bottleneck\", got " + x.dump();
       }))
    s.block.push_back(v.get<std::string>());
  s.input_size = integer_choices(f, "input_size", 1, 4096);
  for (const auto& v : choices(f, "width_mult", [](const nlohmann::json& x) {
         return x.is_number() && x.get<double>() >= 0.05 && x.get<double>() <= 4.0
                    ? std::string()
                    : "expected a number in [0.05, 4], got " + x.dump();
       }))
    s.width_mult.push_back(v.get<double>());
  s.num_classes = f.integer("num_classes", 1, 100000, s.num_classes);
  s.stem_channels = f.integer("stem_channels", 1, 4096, s.stem_channels);
  const nlohmann::json& stages = f.array("stages");
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const JsonFields st(stages[i], source, f.where("stages", i));
    st.reject_unknown({"depth", "width"});
    s.stages.push_back({integer_choices(st, "depth", 1, 64), st.integer("width", 1, 4096)});
  }
  return s;
}

ResNetArch resnet_of(const ResNetSpace& space, const std::string& block, std::int64_t input_size,
                     double width_mult, const std::vector<std::int64_t>& depths) {
  ResNetArch a;
  a.block = block;
  a.input_size = input_size;
  a.num_classes = space.num_classes;
  a.stem_channels = space.stem_channels;
  a.depths = depths;
  for (const auto& st : space.stages)
    a.widths.push_back(make_divisible(static_cast<double>(st.width) * width_mult));
  return a;
}

std::vector<ResNetArch> sample_resnet_architectures(const ResNetSpace& space, std::uint64_t count,
                                                    std::uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<ResNetArch> out;
  for (std::uint64_t n = 0; n < count; ++n) {
    const std::string block = rng.choose(space.block);
    const std::int64_t size = rng.choose(space.input_size);
    const double width = rng.choose(space.width_mult);
    std::vector<std::int64_t> depths;
    for (const auto& st : space.stages) depths.push_back(rng.choose(st.depth));
    out.push_back(resnet_of(space, block, size, width, depths));
  }
  return out;
}

}  // namespace onnxbench::model
