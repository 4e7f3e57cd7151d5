#include "report/report_inputs.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "core/error.h"
#include "core/file_io.h"
#include "core/json_fields.h"
#include "tune/lut.h"
#include "tune/trial_log.h"

namespace onnxbench {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::vector<std::string> kJsonKinds = {"bench", "profile", "compare", "sensitivity",
                                             "accuracy"};

// The fields each view cannot do without; the rest it shows when present.
void check_record(const JsonFields& r, const std::string& kind) {
  auto require_type = [&](const JsonFields& f, const char* field, bool (json::*is)() const,
                          const char* expected) {
    if (!(f.value(field).*is)()) f.fail(field, expected);
  };
  if (kind != "compare") {
    const JsonFields model(r.value("model"), r.source(), r.where("model"));
    require_type(model, "sha256", &json::is_string, "expected the model's sha256 (a string)");
  }
  if (kind == "bench") {
    const JsonFields measure(r.value("measure"), r.source(), r.where("measure"));
    require_type(measure, "latency_ms", &json::is_object, "expected the latency statistics");
  }
  if (kind == "profile" || kind == "sensitivity")
    require_type(r, "layers", &json::is_array, "expected an array");
  if (kind == "compare") require_type(r, "tensors", &json::is_array, "expected an array");
  if (kind == "accuracy") {
    require_type(r, "metric", &json::is_string, "expected a string");
    require_type(r, "value", &json::is_number, "expected a number");
  }
}

}  // namespace

bool report_draws(const std::string& kind) {
  return std::find(kJsonKinds.begin(), kJsonKinds.end(), kind) != kJsonKinds.end();
}

void add_report_record(json r, const std::string& where, const std::string& path, json& out) {
  if (r.is_object() && !r.contains("kind") && r.contains("tensors")) r["kind"] = "compare";
  const JsonFields fields(r, where);
  const std::string kind = fields.text("kind", kJsonKinds);
  check_record(fields, kind);
  r["source"] = path;
  out.push_back(std::move(r));
}

namespace {

void add_json_file(const std::string& path, json& out) {
  const json j = json::parse(read_file(path), nullptr, false);
  if (j.is_discarded()) throw InputError(path + ": not valid JSON");
  if (!j.is_array()) return add_report_record(j, path, path, out);
  for (std::size_t i = 0; i < j.size(); ++i)
    add_report_record(j[i], path + ": record " + std::to_string(i + 1), path, out);
}

// MODEL.ENGINE.trials.jsonl is the name tune gives its trials file.
void add_trials_file(const std::string& path, json& out) {
  tune::read_trials(path);  // validates every line, naming the line
  json trials = json::array();
  std::istringstream lines(read_file(path));
  for (std::string line; std::getline(lines, line);)
    if (line.find_first_not_of(" \t\r") != std::string::npos) trials.push_back(json::parse(line));
  std::string name = fs::path(path).filename().string();
  const std::string suffix = ".trials.jsonl";
  if (name.size() > suffix.size() && name.ends_with(suffix))
    name.resize(name.size() - suffix.size());
  out.push_back({{"kind", "tune"}, {"source", path}, {"name", name}, {"trials", trials}});
}

void add_lut_file(const std::string& path, json& out) {
  json rows = json::array();
  for (const auto& row : tune::read_lut(path))
    rows.push_back({{"model", row.model},
                    {"sha256", row.sha256},
                    {"engine", row.engine},
                    {"objective", row.objective},
                    {"throughput", row.throughput},
                    {"latency_p50_ms", row.latency_p50_ms},
                    {"latency_p99_ms", row.latency_p99_ms},
                    {"timestamp_utc", row.timestamp_utc},
                    {"config", row.config}});
  out.push_back({{"kind", "lut"}, {"source", path}, {"rows", rows}});
}

}  // namespace

json read_report_inputs(const std::vector<std::string>& paths) {
  json out = json::array();
  for (const auto& path : paths) {
    if (!fs::is_regular_file(path)) throw InputError(path + ": no such file");
    const std::string ext = fs::path(path).extension().string();
    if (ext == ".jsonl")
      add_trials_file(path, out);
    else if (ext == ".csv")
      add_lut_file(path, out);
    else
      add_json_file(path, out);
  }
  return out;
}

}  // namespace onnxbench
