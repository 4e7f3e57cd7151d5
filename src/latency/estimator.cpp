#include "latency/estimator.h"

#include <set>

#include "core/error.h"
#include "core/file_io.h"
#include "core/json_fields.h"

namespace onnxbench::latency {

nlohmann::json estimator_to_json(const Estimator& e) {
  nlohmann::json modules = nlohmann::json::object();
  for (const auto& [uid, us] : e.module_us) modules[uid] = us;
  return {{"format", "onnxbench latency estimator 1"},
          {"setup", setup_to_json(e.setup)},
          {"latency_key", e.key},
          {"stat", e.stat},
          {"scale", e.scale},
          {"bias_us", e.bias},
          {"fit", e.fit},
          {"modules_us", modules}};
}

Estimator read_estimator(const std::string& path) {
  const nlohmann::json json = read_json_file(path);
  const JsonFields f(json, path);
  f.reject_unknown(
      {"format", "setup", "latency_key", "stat", "scale", "bias_us", "fit", "modules_us"});
  if (f.value("format") != "onnxbench latency estimator 1")
    f.fail("format", "expected \"onnxbench latency estimator 1\" (written by latency fit)");
  Estimator e;
  e.setup = setup_from_json(f.value("setup"), path);
  if (!f.value("latency_key").is_string() || !is_latency_key(f.value("latency_key")))
    f.fail("latency_key", "expected 'Forward Propagate', 'Total Inference Time' or 'Layers Time'");
  e.key = f.value("latency_key").get<std::string>();
  e.stat = f.text("stat", {"Min_Time", "Avg_Time"});
  e.scale = f.number("scale", -1e9, 1e9);
  e.bias = f.number("bias_us", -1e12, 1e12);
  e.fit = f.value("fit");
  const nlohmann::json& modules = f.value("modules_us");
  if (!modules.is_object()) f.fail("modules_us", "expected an object: module UID -> µs");
  for (const auto& [uid, us] : modules.items()) {
    if (!us.is_number() || us.get<double>() < 0)
      f.fail("modules_us", "module " + uid + ": expected a latency in µs >= 0, got " + us.dump());
    e.module_us[uid] = us.get<double>();
  }
  return e;
}

void write_estimator(const std::string& path, const Estimator& e) {
  write_file(path, estimator_to_json(e).dump(2) + "\n");
}

std::vector<std::string> missing_modules(const Estimator& e, const std::vector<Module>& modules) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& m : modules)
    if (!e.module_us.count(m.uid) && seen.insert(m.uid).second) out.push_back(m.uid);
  return out;
}

Prediction predict(const Estimator& e, const std::vector<Module>& modules,
                   const std::string& source) {
  Prediction p;
  std::map<std::string, std::size_t> index;
  for (const auto& m : modules) {
    const auto it = e.module_us.find(m.uid);
    if (it == e.module_us.end())
      throw InputError(source + ": module " + m.uid + " (node '" + m.nodes.front() +
                       "') is not in the estimator's table; measure it with --measure-missing");
    auto [at, fresh] = index.try_emplace(m.uid, p.modules.size());
    if (fresh) p.modules.push_back({m.uid, 0, it->second});
    ++p.modules[at->second].count;
    p.sum_us += it->second;
  }
  p.predicted_us = e.scale * p.sum_us + e.bias;
  return p;
}

double module_sum(const LatencyTable& table, const std::string& key, const std::string& stat,
                  const std::vector<Module>& modules, const std::string& source) {
  double sum = 0;
  for (const auto& m : modules) {
    if (!table.contains(m.uid))
      throw InputError(source + ": module " + m.uid + " (node '" + m.nodes.front() +
                       "') is not in " + table.source + "; was the table made for this space?");
    sum += table.value_us(m.uid, key, stat);
  }
  return sum;
}

}  // namespace onnxbench::latency
