// What a runner declares about its engine in reply to `hello`.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace onnxbench {

struct Knob {
  std::string name;
  std::string type;  // "int", "enum", "bool", "string" or "path" (a file path)
  nlohmann::json default_value;
  std::optional<long long> min, max;  // int knobs
  std::vector<std::string> values;    // enum knobs
  std::string format;                 // string and path knobs: what a value looks like
  std::string help;
};

struct EngineCapabilities {
  bool profile = false;
  bool intermediate_outputs = false;
  bool split = false;  // infer can carry several engine calls along the inputs' first dimension
  std::vector<std::string> input_dtypes;
  std::vector<std::string> stages;
  // Instances the engine's device can run at once (an accelerator card's cores); 0: bounded by
  // this host's cores.
  int max_instances = 0;
};

struct EngineInfo {
  std::string engine, engine_version, runner_version;
  std::vector<Knob> knobs;
  EngineCapabilities capabilities;

  const Knob* find_knob(const std::string& name) const;
  // The knob that sets intra-op threads ("threads" or "intra_op_threads"), if any.
  const Knob* threads_knob() const;
};

// Throws Error naming the field when the reply does not match the protocol.
EngineInfo parse_engine_info(const nlohmann::json& hello_reply);

// Checks a knob value against its declaration and converts text ("4", "true", "parallel") to the
// knob's JSON type. Throws InputError listing what is accepted.
nlohmann::json knob_value(const EngineInfo& info, const std::string& name, const std::string& text);

}  // namespace onnxbench
