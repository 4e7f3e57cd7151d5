#include "report/record_json.h"

#include "core/distribution.h"

namespace onnxbench {

using nlohmann::json;

json to_json(const HostInfo& h) {
  return {{"hostname", h.hostname},
          {"cpu", h.cpu_model},
          {"logical_cores", h.logical_cores},
          {"memory_bytes", h.memory_bytes},
          {"os", h.os}};
}

json to_json(const LatencyDistribution& d) {
  return {{"histogram",
           {{"first_edge", d.first_edge}, {"bin_width", d.bin_width}, {"counts", d.counts}}},
          {"cdf", {{"percent", d.cdf_percent}, {"value", d.cdf_value}}}};
}

json to_json(const EffectiveConfig& c) {
  json shapes = json::object();
  for (const auto& [name, in] : c.input_shapes)
    shapes[name] = {{"shape", in.shape}, {"dtype", in.dtype}};
  return {{"instances", c.instances},
          {"threads", c.threads ? json(c.threads) : json(nullptr)},
          {"batch", c.batch},
          {"set_size", c.set_size},
          {"warmup", {{"iterations", c.warmup_iterations}, {"ms", c.warmup_ms}}},
          {"run", {{"iterations", c.run_iterations}, {"seconds", c.run_seconds}}},
          {"inputs", c.inputs},
          {"input_shapes", shapes},
          {"engine_options", c.engine_options}};
}

namespace {

json identity(const ModelIdentity& m, const EngineIdentity& e, const HostInfo& host,
              const nlohmann::json& device, const std::string& version,
              const std::string& timestamp, const std::vector<std::string>& command_line) {
  return {
      {"schema", "onnxbench-record"},
      {"schema_version", kRecordSchemaVersion},
      {"command_line", command_line},
      {"model", {{"path", m.path}, {"sha256", m.sha256}}},
      {"engine", {{"name", e.name}, {"version", e.version}, {"runner_version", e.runner_version}}},
      {"host", to_json(host)},
      {"device", device.is_null() ? json{{"name", "local"}, {"transport", "local"}} : device},
      {"onnxbench_version", version},
      {"timestamp_utc", timestamp}};
}

}  // namespace

json to_json(const BenchResult& r) {
  json j = identity(r.model, r.engine, r.host, r.device, r.onnxbench_version, r.timestamp_utc,
                    r.command_line);
  j["kind"] = "bench";
  j["interrupted"] = r.interrupted;
  j["config"] = to_json(r.config);
  j["load_ms"] = r.load_ms;
  j["first_inference_ms"] = r.first_inference_ms > 0 ? json(r.first_inference_ms) : json(nullptr);
  j["output_problems"] = r.output_problems;
  j["runner"] = {{"peak_rss_bytes", r.runner.peak_rss_bytes}, {"cpu_s", r.runner.cpu_s}};
  j["throughput_per_s"] = r.throughput;
  j["warmup"] = {{"requests", r.warmup.requests},
                 {"wall_ms", r.warmup.wall_ms},
                 {"latency_ms", to_json(r.warmup.latency_ms)}};
  j["measure"] = {{"requests", r.measure.requests},
                  {"wall_ms", r.measure.wall_ms},
                  {"latency_ms", to_json(r.measure.latency_ms)},
                  {"distribution_ms", to_json(distribution(r.samples_ms))}};
  j["stages_ms"] = json::object();
  for (const auto& [stage, stats] : r.stages_ms) j["stages_ms"][stage] = to_json(stats);
  j["unsteady"] = r.unsteady;
  return j;
}

json to_json(const ProfileResult& r) {
  json j = identity(r.model, r.engine, r.host, r.device, r.onnxbench_version, r.timestamp_utc,
                    r.command_line);
  j["kind"] = "profile";
  j["config"] = to_json(r.config);
  j["total_us"] = to_json(r.total_us);
  j["layers"] = json::array();
  for (const auto& l : r.layers)
    j["layers"].push_back({{"name", l.name},
                           {"op_type", l.op_type},
                           {"model_nodes", l.model_nodes},
                           {"time_us", to_json(l.time_us)},
                           {"share", l.share}});
  j["op_types"] = json::array();
  for (const auto& o : r.op_types)
    j["op_types"].push_back(
        {{"op_type", o.op_type}, {"layers", o.layers}, {"mean_us", o.mean_us}, {"share", o.share}});
  return j;
}

}  // namespace onnxbench
