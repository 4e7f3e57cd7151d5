#include "quant/calibration_table.h"

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/file_io.h"
#include "core/json_fields.h"

namespace onnxbench::quant {
namespace {

constexpr const char* kFormat = "onnxbench-calibration-table";

double number(const nlohmann::json& j, const std::string& key, const std::string& where) {
  if (!j.contains(key) || !j[key].is_number())
    throw InputError(where + ": field '" + key + "': expected a number");
  return j[key].get<double>();
}

// Absent fields are "" and 0; a present one of another type is an error, not a JSON exception.
std::string string_field(const nlohmann::json& j, const std::string& key,
                         const std::string& where) {
  if (!j.contains(key)) return "";
  if (!j[key].is_string()) throw InputError(where + ": field '" + key + "': expected a string");
  return j[key].get<std::string>();
}

std::int64_t count_field(const nlohmann::json& j, const std::string& key,
                         const std::string& where) {
  if (!j.contains(key)) return 0;
  if (const std::string problem = integer_problem(j[key], 0, INT64_MAX); !problem.empty())
    throw InputError(where + ": field '" + key + "': " + problem);
  return j[key].get<std::int64_t>();
}

}  // namespace

std::map<std::string, Range> CalibrationTable::ranges() const {
  std::map<std::string, Range> out;
  for (const auto& [name, t] : tensors) out[name] = t.range;
  return out;
}

CalibrationTable calibration_table(const TensorHistograms& histograms,
                                   const CalibrationOptions& options) {
  CalibrationTable table;
  table.method = calibration_method_name(options.method);
  for (const auto& [name, h] : histograms)
    table.tensors[name] = {calibrate_range(h, options), h.min(), h.max(), h.count()};
  return table;
}

void write_calibration_table(const std::string& path, const CalibrationTable& table) {
  nlohmann::json tensors = nlohmann::json::object();
  for (const auto& [name, t] : table.tensors)
    tensors[name] = {
        {"lo", t.range.lo}, {"hi", t.range.hi}, {"min", t.min}, {"max", t.max}, {"count", t.count}};
  const nlohmann::json j = {{"format", kFormat},
                            {"version", 1},
                            {"method", table.method},
                            {"samples", table.samples},
                            {"model_sha256", table.model_sha256},
                            {"tensors", tensors}};
  write_file(path, j.dump(1) + "\n");
}

CalibrationTable read_calibration_table(const std::string& path) {
  return parse_calibration_table(read_file(path), path);
}

CalibrationTable parse_calibration_table(const std::string& text, const std::string& path) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": not JSON: " + e.what());
  }
  if (!j.is_object() || string_field(j, "format", path) != kFormat)
    throw InputError(path + ": field 'format': expected \"" + kFormat + "\"");
  if (!j.contains("tensors") || !j["tensors"].is_object())
    throw InputError(path + ": field 'tensors': expected an object of tensor ranges");
  CalibrationTable table;
  table.method = string_field(j, "method", path);
  table.samples = count_field(j, "samples", path);
  table.model_sha256 = string_field(j, "model_sha256", path);
  for (const auto& [name, t] : j["tensors"].items()) {
    const std::string where = path + ": tensors." + name;
    if (!t.is_object()) throw InputError(where + ": expected an object");
    TensorRange r;
    r.range = {number(t, "lo", where), number(t, "hi", where)};
    if (r.range.lo > r.range.hi) throw InputError(where + ": lo is above hi");
    r.min = t.contains("min") ? number(t, "min", where) : r.range.lo;
    r.max = t.contains("max") ? number(t, "max", where) : r.range.hi;
    r.count = count_field(t, "count", where);
    table.tensors[name] = r;
  }
  return table;
}

}  // namespace onnxbench::quant
