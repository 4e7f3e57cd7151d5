// The engines that run a DLC (snpe, qnn): a converter (and a quantizer) prepare it, cached by the
// model's sha256 and the flags; the toolchain's net-run runs it on an input list and its profile
// gives the per-execution and per-layer times.
#include "dlc_session.h"

#include <algorithm>
#include <filesystem>
#include <numeric>

#include "artifact_cache.h"
#include "core/file_io.h"
#include "core/input_list.h"
#include "core/raw_tensor.h"
#include "engines/qualcomm/snpe_diagview_csv.h"
#include "model_io.h"

namespace onnxbench::qualcomm_runner {
namespace {

namespace fs = std::filesystem;
using qualcomm::SnpeDiag;

// Image tensors (rank 4) are channels-last in a DLC; the rest keep the ONNX layout.
RawLayout layout_of(const Shape& shape) {
  return shape.size() == 4 ? RawLayout::kChannelsLast : RawLayout::kAsDeclared;
}

std::string dims_text(const Shape& s) {
  std::string t;
  for (auto d : s) t += (t.empty() ? "" : ",") + std::to_string(d);
  return t;
}

class DlcSession : public Session {
 public:
  DlcSession(qualcomm::Sdk sdk, DlcToolchain toolchain, std::unique_ptr<NetRunPlace> place)
      : sdk_(std::move(sdk)), toolchain_(std::move(toolchain)), place_(std::move(place)) {}

  json knobs() const override { return toolchain_.knobs; }

  std::string engine_version() override {
    return version_after(run_checked(sdk_, toolchain_.version_tool, {"--version"}),
                         toolchain_.version_marker);
  }

  void load(const std::string& model, int instances, const json& options) override {
    check_known_options(options, knobs());
    if (instances != 1)
      throw protocol::RunnerError(
          "unsupported", toolchain_.engine + " runs one instance (" + toolchain_.net_run + ")");
    options_ = options;
    io_ = load_model_io(model);
  }

  json infer(const json& request) override {
    const auto inputs = read_inputs(request);
    const std::string out = fresh_folder("infer");
    std::vector<std::string> results;
    for (const auto& declared : io_.outputs)
      results.push_back("Result_0/" + declared.name + ".raw");
    const SnpeDiag diag = net_run(inputs, 1, "basic", out, results);
    const auto symbols = symbol_sizes(io_, shapes_of(inputs));
    json outputs = json::array();
    for (const auto& declared : io_.outputs) {
      const std::string raw = (fs::path(out) / "Result_0" / (declared.name + ".raw")).string();
      const std::string bytes = read_file(raw);
      try {
        const Shape shape =
            output_shape(declared, symbols, static_cast<std::int64_t>(bytes.size() / 4));
        outputs.push_back(
            write_output(protocol::get_string(request, "output_dir"), declared.name,
                         parse_raw(bytes, shape, layout_of(shape), RawType::kFloat32, raw)));
      } catch (const InputError& e) {
        throw protocol::RunnerError("io", e.what());
      }
    }
    return {{"outputs", outputs}, {"latency_us", diag.total_inference_us.front()}};
  }

  json bench(const json& id, const json& request) override {
    if (protocol::get_int(request, "set_size", 1, 1, 1 << 20) != 1)
      throw protocol::RunnerError("unsupported",
                                  toolchain_.engine + " runs one request at a time (set_size 1)");
    const auto inputs = read_inputs(request);
    const json& warmup = protocol::get_object(request, "warmup");
    const json& run = protocol::get_object(request, "run");
    const long long warm =
        std::max<long long>(1, protocol::get_int(warmup, "iterations", 1, 0, 1 << 30));
    const SnpeDiag warm_diag = net_run(inputs, warm, "basic", fresh_folder("warmup"));
    send_samples(id, "warmup", 0, warm_diag.total_inference_us);
    const double warm_mean = mean(warm_diag.total_inference_us);
    long long count = protocol::get_int(run, "iterations", 0, 0, 1 << 30);
    if (count == 0) {
      const double seconds = protocol::get_number(run, "seconds", 1.0, 0.0, 1e6);
      count = std::clamp<long long>(
          static_cast<long long>(seconds * 1e6 / std::max(warm_mean, 1.0)), 1, 100000);
    }
    const SnpeDiag diag = net_run(inputs, count, "basic", fresh_folder("measure"));
    send_samples(id, "measure", 0, diag.total_inference_us);
    return {{"warmup",
             {{"count", warm_diag.total_inference_us.size()},
              {"wall_ms", sum(warm_diag.total_inference_us) / 1000}}},
            {"measure",
             {{"count", diag.total_inference_us.size()},
              {"wall_ms", sum(diag.total_inference_us) / 1000}}}};
  }

  json profile(const json&, const json& request) override {
    const auto inputs = read_inputs(request);
    const long long warmup = protocol::get_int(request, "warmup", 0, 0, 1 << 20);
    const long long iterations = protocol::get_int(request, "iterations", 1, 1, 1 << 20);
    const SnpeDiag diag = net_run(inputs, warmup + iterations, "detailed", fresh_folder("profile"));
    auto measured = [&](const std::vector<double>& all) {
      return std::vector<double>(all.end() - std::min<long long>(iterations, all.size()),
                                 all.end());
    };
    json layers = json::array();
    for (const auto& layer : diag.layers)
      layers.push_back(
          {{"name", layer.name}, {"op_type", ""}, {"samples_us", measured(layer.samples_us)}});
    return {{"total_us", measured(diag.total_inference_us)}, {"layers", layers}};
  }

 private:
  static double sum(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0);
  }
  static double mean(const std::vector<double>& v) { return v.empty() ? 0 : sum(v) / v.size(); }

  // The DLC for these input shapes: converted (and quantized) once per model, shapes and flags.
  std::string dlc(const std::map<std::string, Tensor>& inputs) {
    std::vector<std::string> convert;
    for (const auto& [name, t] : inputs) {
      convert.insert(convert.end(), {toolchain_.dim_flag, name, dims_text(t.shape)});
      if (t.shape.size() == 4) convert.insert(convert.end(), {"--input_layout", name, "NCHW"});
    }
    const bool quantize = option_bool(options_, "quantize", false);
    std::vector<std::string> quant;
    if (quantize) {
      quant = {"--act_bitwidth",  std::to_string(option_int(options_, "act_bitwidth", 8)),
               "--bias_bitwidth", std::to_string(option_int(options_, "bias_bitwidth", 8)),
               "--act_quantizer", option_text(options_, "act_quantizer", "tf")};
      if (option_bool(options_, "per_channel", false))
        quant.push_back("--use_per_channel_quantization");
    }
    std::string flags;
    for (const auto& f : convert) flags += f + " ";
    for (const auto& f : quant) flags += f + " ";
    const std::string folder = prepared_artifact(io_.sha256, flags, [&](const std::string& dir) {
      std::vector<std::string> args{"--input_network", io_.path, "--output_path",
                                    dir + "/model.dlc"};
      args.insert(args.end(), convert.begin(), convert.end());
      run_checked(sdk_, toolchain_.converter, args);
      if (!quantize) return;
      const std::string list = write_input_list(inputs, 1, dir + "/calibration");
      std::vector<std::string> q{"--input_dlc", dir + "/model.dlc", "--input_list",
                                 list,          "--output_dlc",     dir + "/model_quantized.dlc"};
      q.insert(q.end(), quant.begin(), quant.end());
      run_checked(sdk_, toolchain_.quantizer, q);
    });
    return folder + (quantize ? "/model_quantized.dlc" : "/model.dlc");
  }

  // The inputs as float32 .raw files (channels-last for images) and a list naming them `lines`
  // times.
  std::string write_input_list(const std::map<std::string, Tensor>& inputs, long long lines,
                               const std::string& folder) {
    fs::create_directories(folder);
    InputList list;
    std::vector<std::pair<std::string, std::string>> line;
    for (const auto& [name, t] : inputs) {
      const std::string raw = folder + "/" + std::to_string(line.size()) + ".raw";
      write_file(raw, format_raw(t, layout_of(t.shape), RawType::kFloat32));
      line.emplace_back(name, raw);
    }
    list.inferences.assign(static_cast<std::size_t>(lines), line);
    const std::string path = folder + "/input_list.txt";
    write_file(path, format_input_list(list));
    return path;
  }

  // Runs the DLC `executions` times on the inputs; `results` (files of the tool's output folder)
  // are brought to `out` besides the profile.
  SnpeDiag net_run(const std::map<std::string, Tensor>& inputs, long long executions,
                   const std::string& profiling_level, const std::string& out,
                   const std::vector<std::string>& results = {}) {
    const std::string container = dlc(inputs);
    const std::string list = write_input_list(inputs, executions, out + "/inputs");
    const DlcRun run = place_->place(container, list, out, profiling_level);
    try {
      SnpeDiag diag = toolchain_.run(*place_, options_, run);
      place_->fetch(run, results);
      place_->finish(run);
      return diag;
    } catch (const InputError& e) {
      throw protocol::RunnerError("engine", e.what());
    }
  }

  qualcomm::Sdk sdk_;
  DlcToolchain toolchain_;
  std::unique_ptr<NetRunPlace> place_;
  ModelIo io_;
  json options_ = json::object();
};

}  // namespace

json shared_dlc_knobs(const std::string& net_run, const std::string& quantizer) {
  return json::array({{{"name", "perf_profile"},
                       {"type", "enum"},
                       {"default", "balanced"},
                       {"values",
                        {"balanced", "default", "high_performance", "sustained_high_performance",
                         "burst", "power_saver", "low_balanced", "low_power_saver",
                         "high_power_saver", "extreme_power_saver", "system_settings"}},
                       {"help", "--perf_profile of " + net_run}},
                      {{"name", "quantize"},
                       {"type", "bool"},
                       {"default", false},
                       {"help", quantizer + " the DLC, calibrated on the request's inputs"}},
                      {{"name", "act_bitwidth"},
                       {"type", "int"},
                       {"default", 8},
                       {"min", 8},
                       {"max", 16},
                       {"help", quantizer + " --act_bitwidth (8 or 16)"}},
                      {{"name", "bias_bitwidth"},
                       {"type", "int"},
                       {"default", 8},
                       {"min", 8},
                       {"max", 32},
                       {"help", quantizer + " --bias_bitwidth (8 or 32)"}},
                      {{"name", "act_quantizer"},
                       {"type", "enum"},
                       {"default", "tf"},
                       {"values", {"tf", "enhanced", "symmetric"}},
                       {"help", quantizer + " --act_quantizer"}},
                      {{"name", "per_channel"},
                       {"type", "bool"},
                       {"default", false},
                       {"help", quantizer + " --use_per_channel_quantization"}}});
}

std::unique_ptr<Session> make_dlc_session(const qualcomm::Sdk& sdk, DlcToolchain toolchain,
                                          std::unique_ptr<NetRunPlace> place) {
  return std::make_unique<DlcSession>(sdk, std::move(toolchain), std::move(place));
}

}  // namespace onnxbench::qualcomm_runner
