#include "farm/pipeline.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/error.h"
#include "core/file_io.h"
#include "core/json_fields.h"
#include "core/text.h"
#include "engines/registry.h"

namespace onnxbench::farm {

using nlohmann::json;

namespace {

const std::set<std::string> kCommands = {"inspect", "bench",     "profile", "quantize",
                                         "compare", "transform", "run",     "eval"};
// Filled in by the worker for each attempt; any other {KEY} is a setting (farm/settings.h).
const std::set<std::string> kAttemptTokens = {"input", "output", "record"};

Stage bench_stage(const std::string& name, const std::string& engine, const std::string& input) {
  Stage s;
  s.name = name;
  s.command = {"bench", "{input}", "--engine", engine, "--duration", "3", "--json", "{record}"};
  s.input = input;
  s.value = "/throughput_per_s";
  s.requires_caps = {"engine:" + engine};
  s.measures = true;
  s.priority = 30;
  s.max_runs = 5;  // seed 000 reruns unsteady benchmarks up to five times
  if (input != "model") s.needs = {input};
  return s;
}

// seed 000's accuracy runs: eval on the data set that `farm set dataset=DIR` (or `farm submit
// --set dataset=DIR`) names; until then the stage waits.
Stage eval_stage(const std::string& name, const std::string& engine, const std::string& input) {
  Stage s;
  s.name = name;
  s.command = {"eval", "{input}", "--data", "{dataset}", "--engine", engine, "--json", "{record}"};
  s.input = input;
  s.value = "/run/scores/classes/macro/f1";
  s.requires_caps = {"engine:" + engine};
  s.measures = true;
  s.priority = 60;
  s.timeout_s = 3600;
  if (input != "model") s.needs = {input};
  return s;
}

// Seed 000 orders the later accuracy runs by the model's mean F1 score from the first one.
Stage ordered_by_f1(Stage s, double scale) {
  s.needs.push_back("accuracy-onnxruntime");
  s.priority_from = {{"stage", "accuracy-onnxruntime"},
                     {"field", "/run/scores/classes/macro/f1"},
                     {"offset", 60},
                     {"scale", scale}};
  s.priority = 1000;  // until accuracy-onnxruntime is done
  return s;
}

json to_json(const Stage& s) {
  return {{"name", s.name},
          {"command", s.command},
          {"input", s.input},
          {"output", s.output},
          {"record", s.record},
          {"value", s.value},
          {"needs", s.needs},
          {"requires", s.requires_caps},
          {"measures", s.measures},
          {"dimensions", s.dimensions},
          {"priority", s.priority},
          {"priority_from", s.priority_from},
          {"max_attempts", s.max_attempts},
          {"timeout_s", s.timeout_s},
          {"max_runs", s.max_runs},
          {"cv_threshold", s.cv_threshold}};
}

// A string, or a list of strings, read through the one JSON field reader.
std::string text_field(const JsonFields& f, const std::string& key, const std::string& fallback) {
  if (!f.has(key)) return fallback;
  if (!f.value(key).is_string()) f.fail(key, "expected a string, got " + f.value(key).dump());
  return f.value(key).get<std::string>();
}

std::vector<std::string> list_field(const JsonFields& f, const std::string& key) {
  if (!f.has(key)) return {};
  const json& v = f.value(key);
  if (!v.is_array() ||
      !std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); }))
    f.fail(key, "expected an array of strings, got " + v.dump());
  return v.get<std::vector<std::string>>();
}

// {"KEY": "VALUE", ...}: the dimensions a device must have to run a measuring stage.
std::map<std::string, std::string> dimensions_field(const JsonFields& f) {
  if (!f.has("dimensions")) return {};
  const json& v = f.value("dimensions");
  if (!v.is_object() ||
      !std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); }))
    f.fail("dimensions",
           "expected an object of strings such as {\"soc\": \"sm8350\"}, got " + v.dump());
  return v.get<std::map<std::string, std::string>>();
}

// {"stage": S, "field": "/json/pointer", "offset": A, "scale": B}: priority A + B * the value.
json priority_from(const JsonFields& stage, const std::string& where, const std::string& path) {
  const JsonFields f(stage.value("priority"), where, path);
  f.reject_unknown({"stage", "field", "offset", "scale"});
  const std::string field = text_field(f, "field", "");
  if (field.empty() || field[0] != '/') f.fail("field", "expected a JSON pointer such as /a/b");
  return {{"stage", text_field(f, "stage", "")},
          {"field", field},
          {"offset", f.number("offset", -1e6, 1e6, 0)},
          {"scale", f.number("scale", -1e6, 1e6, 1)}};
}

}  // namespace

std::vector<std::string> settings_wanted(const std::vector<std::string>& command) {
  std::vector<std::string> keys;
  for (const auto& arg : command)
    for (auto open = arg.find('{'); open != std::string::npos; open = arg.find('{', open + 1)) {
      const auto close = arg.find('}', open);
      if (close == std::string::npos) break;
      const std::string key = arg.substr(open + 1, close - open - 1);
      const bool word = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      });
      if (word && !kAttemptTokens.count(key) &&
          std::find(keys.begin(), keys.end(), key) == keys.end())
        keys.push_back(key);
    }
  return keys;
}

std::vector<std::string> fill_setting(std::vector<std::string> command, const std::string& key,
                                      const std::string& value) {
  const std::string token = "{" + key + "}";
  for (auto& arg : command)
    for (auto at = arg.find(token); at != std::string::npos;
         at = arg.find(token, at + value.size()))
      arg.replace(at, token.size(), value);
  return command;
}

bool measures_by_default(const std::string& command) {
  return command == "bench" || command == "profile" || command == "eval";
}

void check_capability(const std::string& cap, const std::string& where) {
  for (const auto& engine : known_engines())
    if (cap == "engine:" + engine) return;
  for (const char* kind : {"cpu:", "host:", "device:", "dataset:"})
    if (cap.rfind(kind, 0) == 0 && cap.size() > std::string(kind).size()) return;
  throw InputError(where + ": unknown capability '" + cap + "': expected engine:" +
                   join(known_engines(), ", engine:") + ", cpu:X, host:X, device:X or dataset:X");
}

bool calibrated_on_random_data(const json& command) {
  if (!command.is_array()) return false;
  for (std::size_t i = 0; i + 1 < command.size(); ++i)
    if (command[i] == "--calib" && command[i + 1].is_string() &&
        command[i + 1].get<std::string>().rfind("random:", 0) == 0)
      return true;
  return false;
}

Pipeline default_pipeline() {
  Pipeline p{"default", {}};
  Stage inspect;
  inspect.name = "inspect";
  inspect.command = {"inspect", "{input}", "--json", "-"};
  inspect.record = "stdout";
  inspect.value = "/macs/total";
  inspect.priority = 20;
  Stage quantize;
  quantize.name = "quantize";
  // Calibration data is a setting like the data set: the stage waits for `farm set
  // calibration=DIR`; random data only when the user says so (calibration=random:N), and the
  // status table marks what comes of it.
  quantize.command = {"quantize", "{input}", "--calib", "{calibration}", "-o", "{output}"};
  quantize.output = true;
  quantize.record = "none";
  quantize.requires_caps = {"engine:onnxruntime"};
  quantize.priority = 20;
  p.stages = {inspect,
              quantize,
              bench_stage("bench-onnxruntime", "onnxruntime", "model"),
              bench_stage("bench-opencv", "opencv", "model"),
              bench_stage("bench-int8-onnxruntime", "onnxruntime", "quantize"),
              eval_stage("accuracy-onnxruntime", "onnxruntime", "model"),
              ordered_by_f1(eval_stage("accuracy-int8-onnxruntime", "onnxruntime", "quantize"), 10),
              ordered_by_f1(eval_stage("accuracy-opencv", "opencv", "model"), 100)};
  return p;
}

Pipeline parse_pipeline(const json& j, const std::string& where) {
  const JsonFields top(j, where);
  top.reject_unknown({"name", "stages"});
  const json& stages = top.array("stages");
  Pipeline p{text_field(top, "name", "custom"), {}};
  std::set<std::string> names;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const JsonFields f(stages[i], where, "stages[" + std::to_string(i) + "]");
    f.reject_unknown({"name", "command", "input", "output", "record", "value", "needs", "requires",
                      "measures", "dimensions", "priority", "max_attempts", "timeout_s", "max_runs",
                      "cv_threshold"});
    Stage s;
    s.name = text_field(f, "name", "");
    if (s.name.empty()) f.fail("name", "missing");
    const std::string st = where + ": stage '" + s.name + "'";
    if (!names.insert(s.name).second) throw InputError(st + ": the name is used twice");
    s.command = list_field(f, "command");
    if (s.command.empty() || !kCommands.count(s.command[0]))
      throw InputError(st +
                       ": field 'command' must start with an onnxbench subcommand "
                       "(inspect, bench, profile, quantize, compare, transform, run, eval)");
    s.input = text_field(f, "input", "model");
    if (f.has("output") && !f.value("output").is_boolean())
      f.fail("output", "expected true or false");
    s.output = f.has("output") && f.value("output").get<bool>();
    s.record = f.has("record") ? f.text("record", {"file", "stdout", "none"})
                               : (s.command[0] == "inspect" ? "stdout" : "file");
    s.value = text_field(f, "value", "");
    s.needs = list_field(f, "needs");
    s.requires_caps = list_field(f, "requires");
    for (const auto& cap : s.requires_caps) check_capability(cap, st + ": field 'requires'");
    if (f.has("measures") && !f.value("measures").is_boolean())
      f.fail("measures", "expected true or false");
    s.measures =
        f.has("measures") ? f.value("measures").get<bool>() : measures_by_default(s.command[0]);
    s.dimensions = dimensions_field(f);
    if (f.has("priority") && f.value("priority").is_object())
      s.priority_from = priority_from(f, where, "stages[" + std::to_string(i) + "].priority"),
      s.priority = 1000;  // until the stage it reads is done
    else
      s.priority = static_cast<int>(f.integer("priority", 0, 1000000, 50));
    s.max_attempts = static_cast<int>(f.integer("max_attempts", 1, 1000, 3));
    s.timeout_s = f.number("timeout_s", 0.001, 1e7, 900);
    s.max_runs = static_cast<int>(f.integer("max_runs", 1, 100, 1));
    s.cv_threshold = f.number("cv_threshold", 0, 100, 0.10);
    p.stages.push_back(std::move(s));
  }
  for (const Stage& s : p.stages) {
    const std::string st = where + ": stage '" + s.name + "'";
    for (const auto& need : s.needs)
      if (!names.count(need))
        throw InputError(st + ": field 'needs' names unknown stage '" + need + "'");
    if (s.input != "model") {
      const auto from = std::find_if(p.stages.begin(), p.stages.end(),
                                     [&](const Stage& o) { return o.name == s.input; });
      if (from == p.stages.end() || !from->output ||
          std::find(s.needs.begin(), s.needs.end(), s.input) == s.needs.end())
        throw InputError(st +
                         ": field 'input' must be 'model' or a stage it needs that has an "
                         "output; got '" +
                         s.input + "'");
    }
    if (s.priority_from.is_object() && !names.count(s.priority_from.value("stage", "")))
      throw InputError(st + ": field 'priority' takes its value from an unknown stage");
  }
  return p;
}

Pipeline read_pipeline(const std::string& path) {
  const json j = json::parse(read_file(path), nullptr, false);
  if (j.is_discarded()) throw InputError(path + ": not valid JSON");
  return parse_pipeline(j, path);
}

std::vector<store::Task> pipeline_tasks(const Pipeline& p,
                                        const std::map<std::string, std::string>& settings) {
  std::set<std::string> used;
  std::vector<store::Task> tasks;
  for (const Stage& stage : p.stages) {
    Stage s = stage;
    for (const auto& [key, value] : settings) {
      const auto wanted = settings_wanted(s.command);
      if (std::find(wanted.begin(), wanted.end(), key) == wanted.end()) continue;
      s.command = fill_setting(s.command, key, value);
      used.insert(key);
    }
    store::Task t;
    t.stage = s.name;
    t.spec = to_json(s);
    // A setting not given yet (the data set of the accuracy stages): the stage waits for it.
    const auto waits_for = settings_wanted(s.command);
    t.spec["waits_for"] = waits_for;
    t.state = waits_for.empty() ? "queued" : "waiting";
    t.needs = s.needs;
    t.requires_caps = s.requires_caps;
    t.measures = s.measures;
    t.dimensions = s.dimensions;
    t.priority = s.priority;
    t.max_attempts = s.max_attempts;
    tasks.push_back(std::move(t));
  }
  for (const auto& [key, value] : settings)
    if (!used.count(key))
      throw InputError("--set " + key + "=" + value + ": no stage of pipeline '" + p.name +
                       "' has a {" + key + "} placeholder");
  return tasks;
}

Stage stage_of(const store::Task& task) {
  json spec = task.spec;
  Stage s;
  s.name = task.stage;
  s.command = spec.value("command", std::vector<std::string>{});
  s.input = spec.value("input", "model");
  s.output = spec.value("output", false);
  s.record = spec.value("record", "file");
  s.value = spec.value("value", "");
  s.needs = task.needs;
  s.requires_caps = task.requires_caps;
  s.measures = task.measures;
  s.dimensions = task.dimensions;
  s.priority = task.priority;
  s.priority_from = spec.value("priority_from", json());
  s.max_attempts = task.max_attempts;
  s.timeout_s = spec.value("timeout_s", 900.0);
  s.max_runs = spec.value("max_runs", 1);
  s.cv_threshold = spec.value("cv_threshold", 0.10);
  return s;
}

}  // namespace onnxbench::farm
