// The latency estimator of seed 001: predicted = scale * (sum of the model's module latencies
// from the table) + bias. The estimator file carries the module latencies it was fitted with, so
// a prediction needs nothing else.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "latency/latency_table.h"
#include "latency/modules.h"
#include "latency/setup.h"

namespace onnxbench::latency {

struct Estimator {
  MeasureSetup setup;
  std::string key = kLayersTime;  // the table's LatencyKey summed
  // Which of the table's stats is summed; whole models are measured by the same statistic
  // (Min_Time: their fastest inference, Avg_Time: their median).
  std::string stat = "Avg_Time";
  double scale = 1, bias = 0;                     // µs = scale * sum + bias
  std::map<std::string, double> module_us;        // module UID -> `stat` of `key`
  nlohmann::json fit = nlohmann::json::object();  // how it was fitted (report, provenance)
};

nlohmann::json estimator_to_json(const Estimator& e);
// Throws InputError naming the file and the field.
Estimator read_estimator(const std::string& path);
void write_estimator(const std::string& path, const Estimator& e);

struct ModuleShare {
  std::string uid;
  int count = 0;       // how often the model runs it
  double each_us = 0;  // from the table
};

struct Prediction {
  double sum_us = 0;                 // the modules' latencies summed
  double predicted_us = 0;           // scale * sum + bias
  std::vector<ModuleShare> modules;  // first appearance order
};

// The UIDs of `modules` that the estimator lacks, each once.
std::vector<std::string> missing_modules(const Estimator& e, const std::vector<Module>& modules);
// Throws InputError naming `source` and the first module the estimator lacks.
Prediction predict(const Estimator& e, const std::vector<Module>& modules,
                   const std::string& source);

// The sum of the modules' `stat` of `key` in the table; throws InputError naming `source` and
// the first module the table lacks.
double module_sum(const LatencyTable& table, const std::string& key, const std::string& stat,
                  const std::vector<Module>& modules, const std::string& source);

}  // namespace onnxbench::latency
