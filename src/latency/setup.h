// What a latency was measured on: engine, its versions, the knob values sent to it and the
// table's <Runtime> column. A table, an estimator and a validation run only mix when their setups
// are the same.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace onnxbench::latency {

struct MeasureSetup {
  std::string engine, engine_version, runner_version, runtime = "CPU";
  nlohmann::json knobs = nlohmann::json::object();  // knob -> value, as sent to the runner
};

nlohmann::json setup_to_json(const MeasureSetup& setup);
// Reads the "setup" object; throws InputError naming `source` and the field.
MeasureSetup setup_from_json(const nlohmann::json& json, const std::string& source);

// Throws InputError naming the field that differs, e.g. "run.json: setup.engine_version: the
// estimator was measured on onnxruntime 1.16.3, the table on 1.17.0".
void check_same_setup(const MeasureSetup& expected, const std::string& expected_what,
                      const MeasureSetup& actual, const std::string& actual_what,
                      const std::string& source);

// The JSON side file of a latency table: "TABLE.csv" -> "TABLE.json".
std::string side_file_path(const std::string& table_path);

}  // namespace onnxbench::latency
