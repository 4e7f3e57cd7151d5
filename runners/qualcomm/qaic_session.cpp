// The qaic engine (Cloud AI 100): qaic-exec compiles a program for the knobs that need a compile
// (cores, mos, ols, fp16, and the input shapes' symbols such as the batch), cached by the model's
// sha256 and those flags; qaic-runner runs it with -a instances and -S set-size as seeds 003/004
// do, and its per-inference latency files give the samples and their stages.
#include <filesystem>

#include "artifact_cache.h"
#include "core/file_io.h"
#include "core/raw_tensor.h"
#include "engines/qualcomm/qaic_latency.h"
#include "engines/qualcomm/qaic_runner_output.h"
#include "model_io.h"
#include "session.h"

namespace onnxbench::qualcomm_runner {
namespace {

namespace fs = std::filesystem;

class QaicSession : public Session {
 public:
  explicit QaicSession(qualcomm::Sdk sdk) : sdk_(std::move(sdk)) {}

  json knobs() const override {
    return json::array(
        {{{"name", "cores"},
          {"type", "int"},
          {"default", 2},
          {"min", 1},
          {"max", 16},
          {"help", "AI cores the program is compiled for (-aic-num-cores; recompiles)"}},
         {{"name", "mos"},
          {"type", "int"},
          {"default", 0},
          {"min", 0},
          {"max", 16},
          {"help", "maximum output channel split (-mos; 0 = the compiler's choice; recompiles)"}},
         {{"name", "ols"},
          {"type", "int"},
          {"default", 1},
          {"min", 1},
          {"max", 8},
          {"help", "overlap split factor (-ols; recompiles)"}},
         {{"name", "fp16"},
          {"type", "bool"},
          {"default", true},
          {"help", "-convert-to-fp16 (recompiles)"}},
         {{"name", "device"},
          {"type", "int"},
          {"default", 0},
          {"min", 0},
          {"max", 63},
          {"help", "Cloud AI 100 device id (-d)"}}});
  }

  std::string engine_version() override {
    return version_after(run_checked(sdk_, "qaic-runner", {"--version"}), "version ");
  }

  void load(const std::string& model, int instances, const json& options) override {
    check_known_options(options, knobs());
    options_ = options;
    instances_ = instances;
    io_ = load_model_io(model);
  }

  json infer(const json& request) override {
    const auto inputs = read_inputs(request);
    const std::string out = fresh_folder("infer");
    const auto run = runner(
        inputs, out, {"-a", "1", "-S", "1", "-n", "1", "--write-output-dir", out + "/outputs"});
    const auto stats = parse(run);
    const auto symbols = symbol_sizes(io_, shapes_of(inputs));
    json outputs = json::array();
    for (const auto& declared : io_.outputs) {
      const std::string bin = out + "/outputs/" + declared.name + "-activation-0-inf-0.bin";
      try {
        const std::string bytes = read_file(bin);
        const Shape shape =
            output_shape(declared, symbols, static_cast<std::int64_t>(bytes.size() / 4));
        outputs.push_back(
            write_output(protocol::get_string(request, "output_dir"), declared.name,
                         parse_raw(bytes, shape, RawLayout::kAsDeclared, RawType::kFloat32, bin)));
      } catch (const InputError& e) {
        throw protocol::RunnerError("io", e.what());
      }
    }
    return {
        {"outputs", outputs},
        {"latency_us", stats.total_duration_us / std::max<long long>(1, stats.inference_count)}};
  }

  json bench(const json& id, const json& request) override {
    const auto inputs = read_inputs(request);
    const json& run = protocol::get_object(request, "run");
    const long long set_size = protocol::get_int(request, "set_size", 1, 1, 1 << 20);
    const long long iterations = protocol::get_int(run, "iterations", 0, 0, 1 << 30);
    const double seconds = protocol::get_number(run, "seconds", 1.0, 0.0, 1e6);
    const std::string out = fresh_folder("bench");
    std::vector<std::string> args{"-a",
                                  std::to_string(instances_),
                                  "-S",
                                  std::to_string(set_size),
                                  "--aic-profiling-type",
                                  "latency",
                                  "--aic-profiling-out-dir",
                                  out + "/latency",
                                  "--aic-profiling-start-iter",
                                  "0",
                                  "--aic-profiling-num-samples",
                                  "999999"};
    if (iterations > 0) {
      args.insert(args.end(), {"-n", std::to_string(iterations)});
    } else {
      args.insert(args.end(), {"--time", std::to_string(seconds)});
    }
    const auto stats = parse(runner(inputs, out, args));
    for (std::size_t instance = 0; instance < stats.latency_files.size(); ++instance) {
      const std::string& file = stats.latency_files[instance];
      std::vector<qualcomm::LatencyMetric> metrics;
      try {
        metrics = qualcomm::parse_qaic_latency_file(read_file(file), file);
      } catch (const InputError& e) {
        throw protocol::RunnerError("engine", e.what());
      }
      std::vector<double> total;
      std::map<std::string, std::vector<double>> stages;
      for (auto& m : metrics) {
        if (m.name == "totalRoundtripTime")
          total = m.samples_us;
        else
          stages[m.name] = std::move(m.samples_us);
      }
      if (total.empty())
        throw protocol::RunnerError("engine", file + ": no totalRoundtripTimeUs column");
      send_samples(id, "measure", static_cast<int>(instance), total, stages);
    }
    return {{"warmup", {{"count", 0}, {"wall_ms", 0.0}}},
            {"measure",
             {{"count", stats.inference_count}, {"wall_ms", stats.total_duration_us / 1000}}}};
  }

  json profile(const json&, const json&) override {
    throw protocol::RunnerError("unsupported",
                                "qaic has no per-layer profile here: qaic-runner's "
                                "latency files time whole inferences");
  }

 private:
  static qualcomm::QaicRunnerStats parse(const qualcomm::ToolRun& run) {
    try {
      return qualcomm::parse_qaic_runner_stats(run);
    } catch (const Error& e) {
      throw protocol::RunnerError("engine", e.what());
    }
  }

  // The program for these input shapes and the compile knobs, compiled once and kept.
  std::string program(const std::map<std::string, Tensor>& inputs) {
    std::vector<std::string> flags{
        "-aic-hw",
        "-aic-hw-version=2.0",
        "-compile-only",
        "-multicast-weights",
        "-aic-num-cores=" + std::to_string(option_int(options_, "cores", 2)),
        "-ols=" + std::to_string(option_int(options_, "ols", 1))};
    if (const long long mos = option_int(options_, "mos", 0); mos > 0)
      flags.push_back("-mos=" + std::to_string(mos));
    if (option_bool(options_, "fp16", true)) flags.push_back("-convert-to-fp16");
    for (const auto& [symbol, size] : symbol_sizes(io_, shapes_of(inputs)))
      flags.push_back("-onnx-define-symbol=" + symbol + "," + std::to_string(size));
    std::string key;
    for (const auto& f : flags) key += f + " ";
    return prepared_artifact(io_.sha256, key,
                             [&](const std::string& dir) {
                               std::vector<std::string> args{"-m=" + io_.path,
                                                             "-aic-binary-dir=" + dir + "/program"};
                               args.insert(args.end(), flags.begin(), flags.end());
                               run_checked(sdk_, "qaic-exec", args);
                             }) +
           "/program";
  }

  qualcomm::ToolRun runner(const std::map<std::string, Tensor>& inputs, const std::string& out,
                           const std::vector<std::string>& extra) {
    std::vector<std::string> args{"--test-data", program(inputs), "-d",
                                  std::to_string(option_int(options_, "device", 0))};
    for (const auto& declared : io_.inputs) {
      const auto it = inputs.find(declared.name);
      if (it == inputs.end())
        throw protocol::RunnerError("bad_request", "no tensor for input '" + declared.name + "'");
      const std::string raw = out + "/" + std::to_string(args.size()) + ".raw";
      write_file(raw, format_raw(it->second, RawLayout::kAsDeclared, RawType::kFloat32));
      args.insert(args.end(), {"-i", raw});
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return run_checked(sdk_, "qaic-runner", args);
  }

  qualcomm::Sdk sdk_;
  ModelIo io_;
  json options_ = json::object();
  int instances_ = 1;
};

}  // namespace

std::unique_ptr<Session> make_qaic_session(const qualcomm::Sdk& sdk) {
  return std::make_unique<QaicSession>(sdk);
}

}  // namespace onnxbench::qualcomm_runner
