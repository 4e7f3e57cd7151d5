#include "farm/pipeline.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/file_io.h"

namespace onnxbench::farm {

using nlohmann::json;

namespace {

const std::set<std::string> kCommands = {"inspect", "bench", "profile",  "quantize",
                                         "compare", "run",   "transform"};

Stage bench_stage(const std::string& name, const std::string& engine, const std::string& input) {
  Stage s;
  s.name = name;
  s.command = {"bench", "{input}", "--engine", engine, "--duration", "3", "--json", "{record}"};
  s.input = input;
  s.value = "/throughput_per_s";
  s.requires_caps = {"engine:" + engine};
  s.priority = 30;
  s.max_runs = 5;  // seed 000 reruns unsteady benchmarks up to five times
  if (input != "model") s.needs = {input};
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
          {"priority", s.priority},
          {"priority_from", s.priority_from},
          {"max_attempts", s.max_attempts},
          {"timeout_s", s.timeout_s},
          {"max_runs", s.max_runs},
          {"cv_threshold", s.cv_threshold}};
}

template <class T>
T field(const json& j, const char* key, const T& fallback, const std::string& where) {
  if (!j.contains(key)) return fallback;
  try {
    return j.at(key).get<T>();
  } catch (const json::exception&) {
    throw InputError(where + ": field '" + key + "' has the wrong type");
  }
}

}  // namespace

void check_capability(const std::string& cap, const std::string& where) {
  if (cap == "engine:onnxruntime" || cap == "engine:opencv") return;
  for (const char* kind : {"cpu:", "host:", "device:", "dataset:"})
    if (cap.rfind(kind, 0) == 0 && cap.size() > std::string(kind).size()) return;
  throw InputError(where + ": unknown capability '" + cap +
                   "': expected engine:onnxruntime, engine:opencv, cpu:X, host:X, device:X or "
                   "dataset:X");
}

Pipeline default_pipeline() {
  Pipeline p{"default", {}};
  Stage inspect;
  inspect.name = "inspect";
  inspect.command = {"inspect", "{input}", "--json"};
  inspect.record = "stdout";
  inspect.value = "/macs/total";
  inspect.priority = 20;
  Stage quantize;
  quantize.name = "quantize";
  quantize.command = {"quantize", "{input}", "--calib", "random:8", "-o", "{output}"};
  quantize.output = true;
  quantize.record = "none";
  quantize.requires_caps = {"engine:onnxruntime"};
  quantize.priority = 20;
  p.stages = {inspect, quantize, bench_stage("bench-onnxruntime", "onnxruntime", "model"),
              bench_stage("bench-opencv", "opencv", "model"),
              bench_stage("bench-int8-onnxruntime", "onnxruntime", "quantize")};
  return p;
}

Pipeline parse_pipeline(const json& j, const std::string& where) {
  if (!j.is_object() || !j.contains("stages") || !j["stages"].is_array() || j["stages"].empty())
    throw InputError(where + ": expected an object with a non-empty 'stages' array");
  Pipeline p{field<std::string>(j, "name", "custom", where), {}};
  std::set<std::string> names;
  for (const json& js : j["stages"]) {
    const std::string at = where + ": stage " + std::to_string(p.stages.size() + 1);
    if (!js.is_object()) throw InputError(at + ": expected an object");
    Stage s;
    s.name = field<std::string>(js, "name", "", at);
    if (s.name.empty()) throw InputError(at + ": field 'name' is missing");
    const std::string st = where + ": stage '" + s.name + "'";
    if (!names.insert(s.name).second) throw InputError(st + ": the name is used twice");
    s.command = field<std::vector<std::string>>(js, "command", {}, st);
    if (s.command.empty() || !kCommands.count(s.command[0]))
      throw InputError(st +
                       ": field 'command' must start with an onnxbench subcommand "
                       "(inspect, bench, profile, quantize, compare, run, transform)");
    s.input = field<std::string>(js, "input", "model", st);
    s.output = field<bool>(js, "output", false, st);
    s.record = field<std::string>(js, "record", s.command[0] == "inspect" ? "stdout" : "file", st);
    if (s.record != "file" && s.record != "stdout" && s.record != "none")
      throw InputError(st + ": field 'record' must be file, stdout or none");
    s.value = field<std::string>(js, "value", "", st);
    s.needs = field<std::vector<std::string>>(js, "needs", {}, st);
    s.requires_caps = field<std::vector<std::string>>(js, "requires", {}, st);
    for (const auto& cap : s.requires_caps) check_capability(cap, st + ": field 'requires'");
    if (js.contains("priority") && js["priority"].is_object())
      s.priority_from = js["priority"], s.priority = 1000;  // until the stage it reads is done
    else
      s.priority = field<int>(js, "priority", 50, st);
    s.max_attempts = field<int>(js, "max_attempts", 3, st);
    s.timeout_s = field<double>(js, "timeout_s", 900, st);
    s.max_runs = field<int>(js, "max_runs", 1, st);
    s.cv_threshold = field<double>(js, "cv_threshold", 0.10, st);
    if (s.max_attempts < 1 || s.max_runs < 1 || s.timeout_s <= 0)
      throw InputError(st + ": max_attempts, max_runs and timeout_s must be positive");
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
    for (auto& arg : s.command)
      for (const auto& [key, value] : settings)
        if (const std::string token = "{" + key + "}"; arg.find(token) != std::string::npos) {
          arg.replace(arg.find(token), token.size(), value);
          used.insert(key);
        }
    store::Task t;
    t.stage = s.name;
    t.spec = to_json(s);
    t.needs = s.needs;
    t.requires_caps = s.requires_caps;
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
  s.priority = task.priority;
  s.priority_from = spec.value("priority_from", json());
  s.max_attempts = task.max_attempts;
  s.timeout_s = spec.value("timeout_s", 900.0);
  s.max_runs = spec.value("max_runs", 1);
  s.cv_threshold = spec.value("cv_threshold", 0.10);
  return s;
}

}  // namespace onnxbench::farm
