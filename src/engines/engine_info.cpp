#include "engines/engine_info.h"

#include <algorithm>
#include <filesystem>

#include "core/error.h"
#include "core/json_fields.h"

namespace onnxbench {

const Knob* EngineInfo::find_knob(const std::string& name) const {
  for (const auto& k : knobs)
    if (k.name == name) return &k;
  return nullptr;
}

const Knob* EngineInfo::threads_knob() const {
  if (const Knob* k = find_knob("threads")) return k;
  return find_knob("intra_op_threads");
}

EngineInfo parse_engine_info(const nlohmann::json& reply) {
  try {
    EngineInfo info;
    info.engine = reply.at("engine").get<std::string>();
    info.engine_version = reply.at("engine_version").get<std::string>();
    info.runner_version = reply.value("runner_version", "");
    for (const auto& k : reply.at("knobs")) {
      Knob knob;
      knob.name = k.at("name").get<std::string>();
      knob.type = k.at("type").get<std::string>();
      knob.default_value = k.value("default", nlohmann::json());
      for (const char* bound : {"min", "max"}) {
        if (!k.contains(bound)) continue;
        if (const std::string problem = integer_problem(k[bound], INT64_MIN, INT64_MAX);
            !problem.empty())
          throw Error("runner's hello reply: knob '" + knob.name + "': " + bound + ": " + problem);
        (std::string(bound) == "min" ? knob.min : knob.max) = k[bound].get<long long>();
      }
      knob.values = k.value("values", std::vector<std::string>{});
      knob.help = k.value("help", "");
      knob.format = k.value("format", "");
      info.knobs.push_back(std::move(knob));
    }
    const auto& caps = reply.at("capabilities");
    info.capabilities.profile = caps.value("profile", false);
    info.capabilities.intermediate_outputs = caps.value("intermediate_outputs", false);
    info.capabilities.split = caps.value("split", false);
    info.capabilities.input_dtypes = caps.value("input_dtypes", std::vector<std::string>{});
    info.capabilities.stages = caps.value("stages", std::vector<std::string>{});
    info.capabilities.max_instances = caps.value("max_instances", 0);
    return info;
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("runner's hello reply does not match the protocol: ") + e.what());
  }
}

nlohmann::json knob_value(const EngineInfo& info, const std::string& name,
                          const std::string& text) {
  const Knob* knob = info.find_knob(name);
  if (!knob) {
    std::string known;
    for (const auto& k : info.knobs) known += (known.empty() ? "" : ", ") + k.name;
    throw InputError("engine '" + info.engine + "' has no knob '" + name +
                     "'; its knobs are: " + known);
  }
  const std::string where = "knob '" + name + "' of engine '" + info.engine + "'";
  if (knob->type == "int") {
    std::size_t used = 0;
    long long v = 0;
    try {
      v = std::stoll(text, &used);
    } catch (const std::exception&) {
    }
    if (used == 0 || used != text.size())
      throw InputError(where + ": '" + text + "' is not an integer");
    if ((knob->min && v < *knob->min) || (knob->max && v > *knob->max))
      throw InputError(where + ": " + text + " is outside " +
                       std::to_string(knob->min.value_or(0)) + ".." +
                       std::to_string(knob->max.value_or(0)));
    return v;
  }
  if (knob->type == "bool") {
    if (text == "true" || text == "1" || text == "on") return true;
    if (text == "false" || text == "0" || text == "off") return false;
    throw InputError(where + ": '" + text + "' is not one of true, false");
  }
  if (knob->type == "string") return text;
  // A path is made absolute here: the runner works in a folder of its own.
  if (knob->type == "path") return text.empty() ? text : std::filesystem::absolute(text).string();
  if (std::find(knob->values.begin(), knob->values.end(), text) == knob->values.end()) {
    std::string values;
    for (const auto& v : knob->values) values += (values.empty() ? "" : ", ") + v;
    throw InputError(where + ": '" + text + "' is not one of " + values);
  }
  return text;
}

}  // namespace onnxbench
