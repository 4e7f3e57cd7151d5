// The per-layer profile on the console, as CSV, and as seed 001's latency table.
#pragma once

#include <map>
#include <ostream>
#include <string>

#include "bench/bench_result.h"

namespace onnxbench {

void print_profile(std::ostream& out, const ProfileResult& result, bool sort_by_time);
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
