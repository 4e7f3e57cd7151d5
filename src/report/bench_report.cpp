#include "report/bench_report.h"

#include <sstream>

#include "core/file_io.h"
#include "report/table.h"

namespace onnxbench {
namespace {

std::vector<std::string> stats_row(const std::string& label, const LatencyStats& s, int decimals) {
  return {label,
          fixed(s.mean, decimals),
          fixed(s.min, decimals),
          fixed(s.p50, decimals),
          fixed(s.p75, decimals),
          fixed(s.p90, decimals),
          fixed(s.p95, decimals),
          fixed(s.p99, decimals),
          fixed(s.p999, decimals),
          fixed(s.max, decimals),
          fixed(s.stdev, decimals)};
}

std::string run_length(const EffectiveConfig& c) {
  return c.run_iterations > 0 ? std::to_string(c.run_iterations) + " requests"
                              : fixed(c.run_seconds, 1) + " s";
}

}  // namespace

std::string few_samples_note(long long count) {
  // Nearest rank: p99 needs 100 samples to differ from the maximum, p99.9 needs 1000.
  if (count >= 1000) return "";
  const std::string n = std::to_string(count) + (count == 1 ? " sample" : " samples");
  if (count < 100)
    return "only " + n +
           ": p99 and p99.9 are the maximum and p50 rests on few requests; run at "
           "least 100 requests (1000 for p99.9) with --iterations or a longer --duration";
  return "only " + n + ": p99.9 is the maximum; run at least 1000 requests for a p99.9 of its own";
}

std::string describe_config(const EffectiveConfig& c) {
  std::string s = "instances " + std::to_string(c.instances) +
                  (c.threads ? ", threads " + std::to_string(c.threads) : std::string()) +
                  ", batch " + std::to_string(c.batch) + ", set-size " + std::to_string(c.set_size);
  for (const auto& [knob, value] : c.engine_options.items())
    s += ", " + knob + " " + (value.is_string() ? value.get<std::string>() : value.dump());
  s += ", warm-up " + std::to_string(c.warmup_iterations) + " per instance";
  if (c.warmup_ms > 0) s += " and " + fixed(c.warmup_ms, 0) + " ms";
  return s + ", run " + run_length(c);
}

std::string describe_host(const HostInfo& h) {
  return h.cpu_model + " (" + std::to_string(h.logical_cores) + " logical cores, " +
         bytes_text(h.memory_bytes) + "), " + h.os + ", host " + h.hostname;
}

void print_bench(std::ostream& out, const BenchResult& r) {
  std::string shapes;
  for (const auto& [name, shape] : r.config.input_shapes)
    shapes += (shapes.empty() ? "" : ", ") + name + " " + shape_to_string(shape.shape) + " " +
              shape.dtype;
  out << "model     " << r.model.path << "  (sha256 " << r.model.sha256.substr(0, 12) << ")\n"
      << "engine    " << r.engine.name << " " << r.engine.version << "  (load "
      << fixed(r.load_ms, 1) << " ms)\n"
      << "config    " << describe_config(r.config) << "\n"
      << "inputs    " << r.config.inputs << ": " << shapes << "\n"
      << "host      " << describe_host(r.host) << "\n"
      << "time      " << r.timestamp_utc << "  (onnxbench " << r.onnxbench_version << ")\n\n";
  out << "throughput  " << fixed(r.throughput, 2) << " inferences/s  (" << r.measure.requests
      << " requests of batch " << r.config.batch << " in " << fixed(r.measure.wall_ms / 1000.0, 2)
      << " s)\n";
  if (r.interrupted) {
    out << "INTERRUPTED  the run was stopped: the counts above are from the last progress report; "
           "no latency samples came back\n";
    return;
  }
  out << "runner      peak resident " << bytes_text(r.runner.peak_rss_bytes) << ", CPU "
      << fixed(r.runner.cpu_s, 2) << " s during the run; first inference "
      << fixed(r.first_inference_ms, 3) << " ms\n\n";
  TextTable t(
      {"latency (ms)", "mean", "min", "p50", "p75", "p90", "p95", "p99", "p99.9", "max", "stdev"});
  t.add_row(stats_row("request", r.measure.latency_ms, 3));
  for (const auto& [stage, stats] : r.stages_ms) t.add_row(stats_row("  " + stage, stats, 3));
  t.print(out);
  out << "\nwarm-up   " << r.warmup.requests << " requests in " << fixed(r.warmup.wall_ms, 1)
      << " ms, mean " << fixed(r.warmup.latency_ms.mean, 3) << " ms (not counted above)\n";
  if (const std::string few = few_samples_note(r.measure.latency_ms.count); !few.empty())
    out << "FEW SAMPLES  " << few << "\n";
  if (r.unsteady)
    out << "UNSTEADY  the coefficient of variation is " << fixed(r.measure.latency_ms.cv * 100, 1)
        << "% (over " << fixed(kUnsteadyCv * 100, 0)
        << "%): other load on this machine or too short a run; lengthen --duration or quiet "
           "the machine\n";
}

void write_samples_csv(const std::string& path, const BenchResult& r) {
  std::ostringstream out;
  const bool timestamps = r.sample_start_ms.size() == r.samples_ms.size() &&
                          r.sample_end_ms.size() == r.samples_ms.size();
  out << "instance,latency_ms" << (timestamps ? ",start_ms,end_ms" : "") << "\n";
  for (std::size_t i = 0; i < r.samples_ms.size(); ++i) {
    out << r.sample_instance[i] << "," << fixed(r.samples_ms[i], 6);
    if (timestamps)
      out << "," << fixed(r.sample_start_ms[i], 6) << "," << fixed(r.sample_end_ms[i], 6);
    out << "\n";
  }
  write_file(path, out.str());
}

}  // namespace onnxbench
