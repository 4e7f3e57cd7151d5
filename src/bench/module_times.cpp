#include "bench/module_times.h"

#include <algorithm>

namespace onnxbench {
namespace {

// Running min/mean/max over layers that share a module UID.
struct Merged {
  double min = 0, max = 0, weighted_sum = 0, sum_of_means = 0;
  std::size_t count = 0, layers = 0;
  void add(const LatencyStats& s) {
    ++layers;
    if (s.count == 0) return;
    min = count ? std::min(min, s.min) : s.min;
    max = count ? std::max(max, s.max) : s.max;
    weighted_sum += s.mean * static_cast<double>(s.count);
    sum_of_means += s.mean;
    count += s.count;
  }
};

}  // namespace

std::vector<ModuleTime> module_times(const ProfileResult& r,
                                     const std::map<std::string, std::string>& module_uids) {
  std::vector<ModuleTime> order;
  std::map<std::string, Merged> merged;
  for (const auto& l : r.layers) {
    const auto it = module_uids.find(l.name);
    const std::string uid =
        it != module_uids.end() ? it->second : l.op_type + "[name=" + l.name + "]";
    if (!merged.count(uid)) order.push_back({uid, l.op_type});
    merged[uid].add(l.time_us);
  }
  std::vector<ModuleTime> out;
  for (auto& m : order) {
    const Merged& g = merged[m.uid];
    if (!g.count) continue;
    m.layers = g.layers;
    m.min_us = g.min;
    m.mean_us = g.weighted_sum / static_cast<double>(g.count);
    m.max_us = g.max;
    m.total_mean_us = g.sum_of_means;
    out.push_back(m);
  }
  return out;
}

}  // namespace onnxbench
