#include "latency/profile_table.h"

#include "bench/module_times.h"

namespace onnxbench::latency {

LatencyTable profile_latency_table(const ProfileResult& r,
                                   const std::map<std::string, std::string>& module_uids,
                                   const std::string& model_uid, const std::string& runtime,
                                   const LatencyStats& total_inference_us) {
  LatencyTable table;
  const LatencyStats& f = r.total_us;
  const LatencyStats& t = total_inference_us;
  table.add({model_uid,
             runtime,
             {{kForwardPropagate, {f.min, f.mean, f.max}},
              {kTotalInferenceTime, {t.min, t.mean, t.max}}}});
  for (const auto& m : module_times(r, module_uids))
    table.add({m.uid, runtime, {{kLayersTime, {m.min_us, m.mean_us, m.max_us}}}});
  return table;
}

}  // namespace onnxbench::latency
