#include "report/report_inputs.h"

#include <filesystem>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/file_io.h"
#include "tune/lut.h"
#include "tune/trial_log.h"

namespace onnxbench {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::set<std::string> kJsonKinds = {"bench", "profile", "compare", "sensitivity", "accuracy"};

[[noreturn]] void fail(const std::string& where, const std::string& field,
                       const std::string& expected) {
  throw InputError(where + ": " + field + ": " + expected);
}

// The fields each view cannot do without; the rest it shows when present.
void check_record(const json& r, const std::string& where) {
  if (!r.is_object()) fail(where, "record", "expected a JSON object");
  const std::string kind = r["kind"].get<std::string>();
  auto require = [&](const char* field, bool ok, const char* expected) {
    if (!ok) fail(where, field, expected);
  };
  if (kind != "compare") {
    require("model.sha256",
            r.contains("model") && r["model"].is_object() && r["model"].contains("sha256") &&
                r["model"]["sha256"].is_string(),
            "expected the model's sha256 (a string)");
  }
  if (kind == "bench")
    require("measure.latency_ms", r.contains("measure") && r["measure"].contains("latency_ms"),
            "expected the measured latency statistics");
  if (kind == "profile")
    require("layers", r.contains("layers") && r["layers"].is_array(), "expected an array");
  if (kind == "compare" || kind == "sensitivity") {
    const char* list = kind == "compare" ? "tensors" : "layers";
    require(list, r.contains(list) && r[list].is_array(), "expected an array");
  }
  if (kind == "accuracy") {
    require("metric", r.contains("metric") && r["metric"].is_string(), "expected a string");
    require("value", r.contains("value") && r["value"].is_number(), "expected a number");
  }
}

void add_json_record(json r, const std::string& where, const std::string& path, json& out) {
  if (!r.is_object()) fail(where, "record", "expected a JSON object");
  if (!r.contains("kind") && r.contains("tensors")) r["kind"] = "compare";
  if (!r.contains("kind") || !r["kind"].is_string() || !kJsonKinds.count(r["kind"]))
    fail(where, "kind",
         "expected bench, profile, compare, sensitivity or accuracy (a record written by "
         "bench/profile/compare --json, quantize --analyze-json or eval)");
  check_record(r, where);
  r["source"] = path;
  out.push_back(std::move(r));
}

void add_json_file(const std::string& path, json& out) {
  const json j = json::parse(read_file(path), nullptr, false);
  if (j.is_discarded()) throw InputError(path + ": not valid JSON");
  if (!j.is_array()) return add_json_record(j, path, path, out);
  for (std::size_t i = 0; i < j.size(); ++i)
    add_json_record(j[i], path + ": record " + std::to_string(i + 1), path, out);
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
