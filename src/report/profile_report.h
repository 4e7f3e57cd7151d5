// The per-layer profile on the console, as CSV, and as its record (latency/profile_table.h writes
// seed 001's latency table of it).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "bench/bench_result.h"

namespace onnxbench {

void print_profile(std::ostream& out, const ProfileResult& result, bool sort_by_time);

// The profile record (record_json.h) with each layer's "module_uid" and its "modules"
// (bench/module_times.h).
nlohmann::json profile_json(const ProfileResult& result,
                            const std::map<std::string, std::string>& module_uids);
// name,op_type,count,mean_us,min_us,p50_us,p90_us,p99_us,max_us,share_percent
void write_profile_csv(const std::string& path, const ProfileResult& result);

}  // namespace onnxbench
