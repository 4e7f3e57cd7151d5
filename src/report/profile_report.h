// The per-layer profile on the console, as CSV, and as seed 001's latency table.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "bench/bench_result.h"

namespace onnxbench {

void print_profile(std::ostream& out, const ProfileResult& result, bool sort_by_time);

// Layers grouped by module UID, in order of first appearance. Layers with the same UID are merged:
// min of mins, mean of all samples, max of maxes; total_mean_us sums the layers' means (the time
// the module takes per inference, over all its occurrences). `module_uids` maps a layer name to
// its UID; unmapped layers use "<op_type>[name=<layer>]".
struct ModuleTime {
  std::string uid, op_type;
  std::size_t layers = 0;
  double min_us = 0, mean_us = 0, max_us = 0, total_mean_us = 0;
};
std::vector<ModuleTime> module_times(const ProfileResult& result,
                                     const std::map<std::string, std::string>& module_uids);

// The profile record (record_json.h) with each layer's "module_uid" and the "modules" above.
nlohmann::json profile_json(const ProfileResult& result,
                            const std::map<std::string, std::string>& module_uids);
// name,op_type,count,mean_us,min_us,p50_us,p90_us,p99_us,max_us,share_percent
void write_profile_csv(const std::string& path, const ProfileResult& result);

// Seed 001's latency table: "<ModuleUID>,<Runtime>,<LatencyKey>,<Stats>,<Value>" rows, values in
// microseconds. Each layer gives "Layers Time" rows under its module's UID (layers with the same
// UID are merged: min of mins, mean of all samples, max of maxes); the whole model gives
// "Forward Propagate" and "Total Inference Time" rows under `model_uid`. `module_uids` maps a
// layer name to its UID; unmapped layers use "<op_type>[name=<layer>]".
void write_latency_table(const std::string& path, const ProfileResult& result,
                         const std::map<std::string, std::string>& module_uids,
                         const std::string& model_uid, const std::string& runtime,
                         const LatencyStats& total_inference_us);

}  // namespace onnxbench
