#include "latency/setup.h"

#include <filesystem>

#include "core/error.h"
#include "core/json_fields.h"

namespace onnxbench::latency {

nlohmann::json setup_to_json(const MeasureSetup& s) {
  return {{"engine", s.engine},
          {"engine_version", s.engine_version},
          {"runner_version", s.runner_version},
          {"runtime", s.runtime},
          {"knobs", s.knobs}};
}

MeasureSetup setup_from_json(const nlohmann::json& json, const std::string& source) {
  const JsonFields f(json, source, "setup");
  f.reject_unknown({"engine", "engine_version", "runner_version", "runtime", "knobs"});
  MeasureSetup s;
  for (auto [field, target] : {std::pair{"engine", &s.engine},
                               {"engine_version", &s.engine_version},
                               {"runner_version", &s.runner_version},
                               {"runtime", &s.runtime}}) {
    if (!f.value(field).is_string()) f.fail(field, "expected a string");
    *target = f.value(field).get<std::string>();
  }
  if (!f.value("knobs").is_object()) f.fail("knobs", "expected an object of knob values");
  s.knobs = f.value("knobs");
  return s;
}

void check_same_setup(const MeasureSetup& expected, const std::string& expected_what,
                      const MeasureSetup& actual, const std::string& actual_what,
                      const std::string& source) {
  auto differ = [&](const std::string& field, const std::string& a, const std::string& b) {
    throw InputError(source + ": setup." + field + ": " + expected_what + " was measured with " +
                     a + ", " + actual_what + " with " + b + "; they cannot be combined");
  };
  if (expected.engine != actual.engine) differ("engine", expected.engine, actual.engine);
  if (expected.engine_version != actual.engine_version)
    differ("engine_version", expected.engine + " " + expected.engine_version,
           actual.engine + " " + actual.engine_version);
  if (expected.runner_version != actual.runner_version)
    differ("runner_version", "runner " + expected.runner_version,
           "runner " + actual.runner_version);
  if (expected.knobs != actual.knobs) differ("knobs", expected.knobs.dump(), actual.knobs.dump());
  if (expected.runtime != actual.runtime)
    differ("runtime", "runtime " + expected.runtime, "runtime " + actual.runtime);
}

std::string side_file_path(const std::string& table_path) {
  std::filesystem::path p(table_path);
  if (p.extension() == ".csv") return p.replace_extension(".json").string();
  return table_path + ".json";
}

}  // namespace onnxbench::latency
