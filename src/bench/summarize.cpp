#include "bench/summarize.h"

#include <algorithm>

namespace onnxbench {
namespace {

std::vector<double> us_to_ms(const std::vector<double>& us) {
  std::vector<double> ms;
  ms.reserve(us.size());
  for (double v : us) ms.push_back(v / 1000.0);
  return ms;
}

std::vector<double> all_samples_ms(const std::vector<InstanceSamples>& instances) {
  std::vector<double> out;
  for (const auto& i : instances) {
    const auto ms = us_to_ms(i.latency_us);
    out.insert(out.end(), ms.begin(), ms.end());
  }
  return out;
}

}  // namespace

void summarize_bench(const BenchRaw& raw, long long batch, BenchResult& r) {
  r.warmup = {raw.warmup_count, raw.warmup_wall_ms, summarize(all_samples_ms(raw.warmup))};
  r.samples_ms.clear();
  r.sample_instance.clear();
  r.sample_start_ms.clear();
  r.sample_end_ms.clear();
  bool timestamps = true;
  for (const auto& inst : raw.measure)
    timestamps = timestamps && inst.end_us.size() == inst.latency_us.size();
  std::map<std::string, std::vector<double>> stages;
  for (const auto& inst : raw.measure) {
    for (std::size_t i = 0; i < inst.latency_us.size(); ++i) {
      r.samples_ms.push_back(inst.latency_us[i] / 1000.0);
      r.sample_instance.push_back(inst.instance);
      if (!timestamps) continue;
      r.sample_start_ms.push_back((inst.end_us[i] - inst.latency_us[i]) / 1000.0);
      r.sample_end_ms.push_back(inst.end_us[i] / 1000.0);
    }
    for (const auto& [stage, us] : inst.stages_us) {
      const auto ms = us_to_ms(us);
      stages[stage].insert(stages[stage].end(), ms.begin(), ms.end());
    }
  }
  r.measure = {raw.measure_count, raw.measure_wall_ms, summarize(r.samples_ms)};
  r.throughput = raw.measure_wall_ms > 0 ? static_cast<double>(raw.measure_count * batch) /
                                               (raw.measure_wall_ms / 1000.0)
                                         : 0.0;
  r.stages_ms.clear();
  for (const auto& [stage, ms] : stages) r.stages_ms[stage] = summarize(ms);
  r.unsteady = r.measure.latency_ms.count > 1 && r.measure.latency_ms.cv > kUnsteadyCv;
  r.interrupted = raw.interrupted;
  // Instance 0's first request after load: the warm-up's, or the run's when there was none.
  for (const auto* phase : {&raw.warmup, &raw.measure})
    if (!phase->empty() && !phase->front().latency_us.empty()) {
      r.first_inference_ms = phase->front().latency_us.front() / 1000.0;
      break;
    }
  r.runner.peak_rss_bytes = raw.runner_after.peak_rss_bytes;
  r.runner.cpu_s = raw.runner_after.cpu_s > raw.runner_before.cpu_s
                       ? raw.runner_after.cpu_s - raw.runner_before.cpu_s
                       : 0.0;
}

void summarize_profile(const ProfileRaw& raw, ProfileResult& r) {
  r.total_us = summarize(raw.total_us);
  r.layers.clear();
  double sum_of_means = 0;
  for (const auto& l : raw.layers) {
    r.layers.push_back({l.name, l.op_type, summarize(l.samples_us), 0.0, {}});
    if (r.layers.back().time_us.count) sum_of_means += r.layers.back().time_us.mean;
  }
  for (auto& l : r.layers)
    l.share = sum_of_means > 0 && l.time_us.count ? l.time_us.mean / sum_of_means : 0.0;
  std::map<std::string, OpTypeProfile> by_op;
  for (const auto& l : r.layers) {
    OpTypeProfile& o = by_op[l.op_type];
    o.op_type = l.op_type;
    ++o.layers;
    if (l.time_us.count) o.mean_us += l.time_us.mean;
    o.share += l.share;
  }
  r.op_types.clear();
  for (auto& [op, summary] : by_op) r.op_types.push_back(summary);
  std::stable_sort(r.op_types.begin(), r.op_types.end(),
                   [](const auto& a, const auto& b) { return a.mean_us > b.mean_us; });
}

}  // namespace onnxbench
