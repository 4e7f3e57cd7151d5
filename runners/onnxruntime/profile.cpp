// ONNX Runtime's profiler writes a Chrome-trace JSON file: one "model_run" event (cat "Session")
// per inference, and inside its time span one "<node>_kernel_time" event (cat "Node") per node
// executed, with args.op_name. Times are integer microseconds. Events are stored in completion
// order, so everything is sorted by start time first.
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "common/bench_loop.h"
#include "common/progress.h"
#include "ops.h"

namespace onnxbench::runner::ort {
namespace {

constexpr std::string_view kKernelSuffix = "_kernel_time";

struct Event {
  std::string name, op_type;
  std::int64_t ts = 0, dur = 0;
};

struct Layer {
  std::string name, op_type;
  std::vector<double> samples_us;
};

// A folder for the trace in the runner's working folder (onnxbench's work folder), removed on
// every way out: ORT writes nothing to $TMPDIR.
class TraceFolder {
 public:
  TraceFolder() {
    std::string pattern = (std::filesystem::current_path() / "ort-profile-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw RunnerError("io", "cannot create a folder for ONNX Runtime's profile in " +
                                  std::filesystem::current_path().string());
    path_ = pattern;
  }
  ~TraceFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::vector<Event> read_trace(const std::string& file, std::vector<Event>& runs) {
  json trace;
  try {
    std::ifstream in(file);
    trace = json::parse(in);
  } catch (const json::exception& e) {
    throw RunnerError("engine", "cannot read ONNX Runtime's profile " + file + ": " + e.what());
  }
  std::vector<Event> kernels;
  for (const auto& e : trace) {
    if (!e.is_object() || !e.contains("cat") || !e.contains("name")) continue;
    const std::string cat = e.value("cat", ""), name = e.value("name", "");
    Event ev{name, "", e.value("ts", std::int64_t{0}), e.value("dur", std::int64_t{0})};
    if (cat == "Session" && name == "model_run") {
      runs.push_back(ev);
    } else if (cat == "Node" && name.size() > kKernelSuffix.size() &&
               name.ends_with(kKernelSuffix)) {
      ev.name = name.substr(0, name.size() - kKernelSuffix.size());
      if (e.contains("args") && e["args"].is_object()) ev.op_type = e["args"].value("op_name", "");
      kernels.push_back(std::move(ev));
    }
  }
  const auto by_start = [](const Event& a, const Event& b) { return a.ts < b.ts; };
  std::stable_sort(runs.begin(), runs.end(), by_start);
  std::stable_sort(kernels.begin(), kernels.end(), by_start);
  return kernels;
}

// Per-layer and whole-run times of the last `iterations` runs (the first `skip` are warm-up).
// Layers are in execution order; a node that runs several times in one inference (inside a loop)
// gets the sum, one that did not run in an iteration gets 0.
// Layer names are ORT's node names: the model's own where ORT kept the node, the fused node's
// where it fused (a Conv fused with its Relu in the NCHWc layout is "relu1_nchwc", op type Conv),
// ORT's own for nodes it inserted (ReorderOutput); onnxbench maps each back to the model's nodes
// (the record's model_nodes).
json parse_trace(const std::string& file, std::int64_t skip, std::int64_t iterations) {
  std::vector<Event> runs;
  const std::vector<Event> kernels = read_trace(file, runs);
  if (static_cast<std::int64_t>(runs.size()) != skip + iterations)
    throw RunnerError("engine", "ONNX Runtime's profile has " + std::to_string(runs.size()) +
                                    " model_run events, expected " +
                                    std::to_string(skip + iterations) +
                                    " (ORT stops recording after 1,000,000 events: try fewer "
                                    "iterations or a shorter warm-up)");
  const std::vector<Event> measured(runs.begin() + skip, runs.end());
  std::vector<Layer> layers;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  std::size_t r = 0;
  for (const Event& e : kernels) {
    while (r < measured.size() && e.ts > measured[r].ts + measured[r].dur) ++r;
    if (r == measured.size()) break;
    if (e.ts < measured[r].ts) continue;  // a warm-up run's
    const auto key = std::make_pair(e.name, e.op_type);
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(key, layers.size()).first;
      layers.push_back(
          {e.name, e.op_type, std::vector<double>(static_cast<std::size_t>(iterations), 0.0)});
    }
    layers[it->second].samples_us[r] += static_cast<double>(e.dur);
  }
  json out_layers = json::array();
  for (auto& l : layers)
    out_layers.push_back(
        {{"name", l.name}, {"op_type", l.op_type}, {"samples_us", std::move(l.samples_us)}});
  json total = json::array();
  for (const Event& e : measured) total.push_back(static_cast<double>(e.dur));
  return {{"total_us", std::move(total)}, {"layers", std::move(out_layers)}};
}

}  // namespace

json run_profile(const json& id, Model& model, const json& request) {
  const ProfileSettings s = parse_profile_settings(request);
  PreparedInputs inputs = model.prepare_inputs(require(request, "inputs"));
  const TraceFolder folder;
  std::string trace;
  std::int64_t warmed = 0;
  try {
    Ort::Session session = model.profiling_session(folder.path() + "/ort");
    const Ort::RunOptions options;
    ProgressTicker progress(id, "profile", s.progress_ms);
    const auto run = [&] {
      session.Run(options, model.input_names().data(), inputs.values.data(), inputs.values.size(),
                  model.output_names().data(), model.output_names().size());
    };
    for (const Clock::time_point start = Clock::now(); s.warming(warmed, start); ++warmed) {
      run();
      progress.tick(warmed + 1);
    }
    for (std::int64_t i = 0; i < s.iterations; ++i) {
      run();
      progress.tick(warmed + i + 1);
    }
    Ort::AllocatorWithDefaultOptions allocator;
    trace = session.EndProfilingAllocated(allocator).get();
  } catch (const Ort::Exception& e) {
    throw ort_error("engine", "profile", e);
  }
  return parse_trace(trace, warmed, s.iterations);
}

}  // namespace onnxbench::runner::ort
