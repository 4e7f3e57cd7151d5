#include "quant/calibration_table.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/file_io.h"
#include "core/json_fields.h"

namespace onnxbench::quant {
namespace {

constexpr const char* kFormat = "onnxbench-calibration-table";

constexpr double kInfinity = std::numeric_limits<double>::infinity();

TensorRange tensor_range(const JsonFields& t) {
  TensorRange r;
  r.range = {t.number("lo", -kInfinity, kInfinity), t.number("hi", -kInfinity, kInfinity)};
  if (r.range.lo > r.range.hi) t.fail("lo", "expected at most hi, got " + t.value("lo").dump());
  r.min = t.number("min", -kInfinity, kInfinity, r.range.lo);
  r.max = t.number("max", -kInfinity, kInfinity, r.range.hi);
  r.count = t.integer("count", 0, std::numeric_limits<std::int64_t>::max(), 0);
  return r;
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
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path + ": not JSON: " + e.what());
  }
  const JsonFields f(j, path);
  f.text("format", {kFormat});
  CalibrationTable table;
  if (f.has("method")) table.method = f.text("method");
  table.samples = f.integer("samples", 0, std::numeric_limits<std::int64_t>::max(), 0);
  if (f.has("model_sha256")) table.model_sha256 = f.text("model_sha256");
  const JsonFields tensors = f.object("tensors");
  for (const auto& [name, unused] : tensors.items())
    table.tensors[name] = tensor_range(tensors.object(name));
  return table;
}

}  // namespace onnxbench::quant
