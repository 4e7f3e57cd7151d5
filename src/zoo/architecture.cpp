#include "zoo/architecture.h"

#include "core/error.h"
#include "core/json_fields.h"

namespace onnxbench::model {
namespace {

constexpr std::int64_t kMaxKernel = 15;

MobileNetV2Stage stage_from_json(const JsonFields& f) {
  f.reject_unknown({"expansion", "kernel", "depth", "channels", "stride"});
  MobileNetV2Stage s;
  for (const char* field : {"expansion", "kernel", "depth", "channels", "stride"})
    if (const std::string problem = mobilenet_v2_stage_problem(field, f.value(field));
        !problem.empty())
      f.fail(field, problem);
  s.expansion = f.value("expansion").get<std::int64_t>();
  s.kernel = f.value("kernel").get<std::int64_t>();
  s.depth = f.value("depth").get<std::int64_t>();
  s.channels = f.value("channels").get<std::int64_t>();
  s.stride = f.value("stride").get<std::int64_t>();
  return s;
}

MobileNetV2Arch mobilenet_v2_from_json(const JsonFields& f) {
  f.reject_unknown({"family", "input_size", "width_mult", "num_classes", "stem_channels",
                    "stem_stride", "last_channels", "stages"});
  MobileNetV2Arch a;
  a.input_size = f.integer("input_size", 1, 4096, a.input_size);
  a.width_mult = f.number("width_mult", 0.05, 4.0, a.width_mult);
  a.num_classes = f.integer("num_classes", 1, 100000, a.num_classes);
  a.stem_channels = f.integer("stem_channels", 1, 4096, a.stem_channels);
  a.stem_stride = f.integer("stem_stride", 1, 2, a.stem_stride);
  a.last_channels = f.integer("last_channels", 1, 16384, a.last_channels);
  const nlohmann::json& stages = f.array("stages");
  for (std::size_t i = 0; i < stages.size(); ++i)
    a.stages.push_back(stage_from_json(JsonFields(stages[i], f.source(), f.where("stages", i))));
  return a;
}

std::vector<std::int64_t> positive_integers(const JsonFields& f, const std::string& field) {
  std::vector<std::int64_t> out;
  const nlohmann::json& values = f.array(field);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (const std::string problem = integer_problem(values[i], 1, 100000); !problem.empty())
      throw InputError(f.source() + ": " + f.where(field, i) + ": " + problem);
    out.push_back(values[i].get<std::int64_t>());
  }
  return out;
}

ResNetArch resnet_from_json(const JsonFields& f) {
  f.reject_unknown(
      {"family", "block", "depths", "widths", "input_size", "num_classes", "stem_channels"});
  ResNetArch a;
  a.block = f.text("block", {"basic", "bottleneck"});
  a.depths = positive_integers(f, "depths");
  a.widths = positive_integers(f, "widths");
  if (a.widths.size() != a.depths.size())
    f.fail("widths", "expected as many widths as depths (" + std::to_string(a.depths.size()) +
                         "), got " + std::to_string(a.widths.size()));
  a.input_size = f.integer("input_size", 1, 4096, a.input_size);
  a.num_classes = f.integer("num_classes", 1, 100000, a.num_classes);
  a.stem_channels = f.integer("stem_channels", 1, 4096, a.stem_channels);
  return a;
}

TransformerArch transformer_from_json(const JsonFields& f) {
  f.reject_unknown({"family", "layers", "d_model", "heads", "ffn", "seq_len", "num_classes"});
  TransformerArch a;
  a.layers = f.integer("layers", 1, 1000);
  a.d_model = f.integer("d_model", 1, 65536);
  a.heads = f.integer("heads", 1, a.d_model);
  if (a.d_model % a.heads != 0)
    f.fail("heads", "expected a divisor of d_model (" + std::to_string(a.d_model) + "), got " +
                        std::to_string(a.heads));
  a.ffn = f.integer("ffn", 1, 1 << 20);
  a.seq_len = f.integer("seq_len", 1, 1 << 20);
  a.num_classes = f.integer("num_classes", 1, 100000);
  return a;
}

nlohmann::ordered_json stage_to_json(const MobileNetV2Stage& s) {
  return {{"expansion", s.expansion},
          {"kernel", s.kernel},
          {"depth", s.depth},
          {"channels", s.channels},
          {"stride", s.stride}};
}

}  // namespace

std::string mobilenet_v2_stage_problem(const std::string& field, const nlohmann::json& value) {
  if (field == "kernel") {
    const std::string problem = integer_problem(value, 1, kMaxKernel);
    if (!problem.empty() || value.get<std::int64_t>() % 2 == 1) return problem;
    return "expected an odd integer in [1, " + std::to_string(kMaxKernel) + "], got " +
           value.dump();
  }
  if (field == "stride") return integer_problem(value, 1, 2);
  if (field == "expansion") return integer_problem(value, 1, 64);
  return integer_problem(value, 1, field == "depth" ? 100 : 16384);
}

std::string family_name(const Architecture& arch) {
  static const char* const kNames[] = {"mobilenet_v2", "resnet", "transformer_encoder"};
  return kNames[arch.index()];
}

Architecture architecture_from_json(const nlohmann::json& json, const std::string& source) {
  const JsonFields f(json, source);
  const std::string family = f.text("family", {"mobilenet_v2", "resnet", "transformer_encoder"});
  if (family == "mobilenet_v2") return mobilenet_v2_from_json(f);
  if (family == "resnet") return resnet_from_json(f);
  return transformer_from_json(f);
}

Architecture read_architecture(const std::string& path) {
  const nlohmann::json json = read_json_file(path);
  return architecture_from_json(json, path);
}

nlohmann::ordered_json architecture_to_json(const Architecture& arch) {
  nlohmann::ordered_json j = {{"family", family_name(arch)}};
  if (const auto* m = std::get_if<MobileNetV2Arch>(&arch)) {
    nlohmann::ordered_json stages = nlohmann::ordered_json::array();
    for (const auto& s : m->stages) stages.push_back(stage_to_json(s));
    j.update({{"input_size", m->input_size},
              {"width_mult", m->width_mult},
              {"num_classes", m->num_classes},
              {"stem_channels", m->stem_channels},
              {"stem_stride", m->stem_stride},
              {"last_channels", m->last_channels},
              {"stages", stages}});
  } else if (const auto* r = std::get_if<ResNetArch>(&arch)) {
    j.update({{"block", r->block},
              {"depths", r->depths},
              {"widths", r->widths},
              {"input_size", r->input_size},
              {"num_classes", r->num_classes},
              {"stem_channels", r->stem_channels}});
  } else {
    const auto& t = std::get<TransformerArch>(arch);
    j.update({{"layers", t.layers},
              {"d_model", t.d_model},
              {"heads", t.heads},
              {"ffn", t.ffn},
              {"seq_len", t.seq_len},
              {"num_classes", t.num_classes}});
  }
  return j;
}

}  // namespace onnxbench::model
