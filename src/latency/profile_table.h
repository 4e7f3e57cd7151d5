// Seed 001's latency table of one profile (`profile --latency-table`): "Forward Propagate" and
// "Total Inference Time" rows under the model's UID, then "Layers Time" rows for each module of
// bench/module_times.h (min of mins, mean, max of maxes; microseconds).
#pragma once

#include <map>
#include <string>

#include "bench/bench_result.h"
#include "latency/latency_table.h"

namespace onnxbench::latency {

// `module_uids` maps a layer name to its UID; unmapped layers use "<op_type>[name=<layer>]".
// `total_inference_us` is the whole request, measured without the profiler on.
LatencyTable profile_latency_table(const ProfileResult& result,
                                   const std::map<std::string, std::string>& module_uids,
                                   const std::string& model_uid, const std::string& runtime,
                                   const LatencyStats& total_inference_us);

}  // namespace onnxbench::latency
