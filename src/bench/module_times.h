// A profile's layers grouped by module UID (inspect/module_uid.h), for seed 001's latency table and
// the profile record.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bench/bench_result.h"

namespace onnxbench {

// Layers with the same UID are merged: min of mins, mean of all samples, max of maxes;
// total_mean_us sums the layers' means (the time the module takes per inference, over all its
// occurrences).
struct ModuleTime {
  std::string uid, op_type;
  std::size_t layers = 0;
  double min_us = 0, mean_us = 0, max_us = 0, total_mean_us = 0;
};

// In order of first appearance, so rows follow execution order. `module_uids` maps a layer name
// to its UID; unmapped layers use "<op_type>[name=<layer>]". Modules without samples are left out.
std::vector<ModuleTime> module_times(const ProfileResult& result,
                                     const std::map<std::string, std::string>& module_uids);

}  // namespace onnxbench
