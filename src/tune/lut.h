// The best-config look-up table (seed 003): a CSV with one row per model, engine and objective
// holding the winning knob values, so a later run reuses them (`bench --config-from LUT.csv`).
//   model,sha256,engine,objective,throughput,latency_p50_ms,latency_p99_ms,timestamp_utc,config
// `config` is the knob values as one JSON object (quoted), so any engine's knobs fit one schema.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tune/spec.h"

namespace onnxbench::tune {

struct LutRow {
  std::string model, sha256, engine, objective;
  double throughput = 0, latency_p50_ms = 0, latency_p99_ms = 0;
  std::string timestamp_utc;
  Config config;
};

// Throws InputError naming the file, line and field for a malformed table. A missing file is an
// empty table.
std::vector<LutRow> read_lut(const std::string& path);
// Replaces the row of the same model (sha256), engine and objective, or appends; keeps the rest.
void upsert_lut(const std::string& path, const LutRow& row);
// The row for this model (matched by sha256, else by file name), engine and objective.
std::optional<LutRow> find_lut_row(const std::vector<LutRow>& rows, const std::string& sha256,
                                   const std::string& model_name, const std::string& engine,
                                   const std::string& objective);

}  // namespace onnxbench::tune
