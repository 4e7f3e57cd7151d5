#include "session.h"

#include <chrono>
#include <filesystem>

#include "core/npy.h"

namespace onnxbench::qualcomm_runner {

std::map<std::string, Tensor> read_inputs(const json& request) {
  const json& inputs = protocol::require(request, "inputs");
  if (!inputs.is_object() || inputs.empty())
    throw protocol::RunnerError("bad_request", "'inputs' must map input names to .npy paths");
  std::map<std::string, Tensor> tensors;
  for (const auto& [name, path] : inputs.items()) {
    if (!path.is_string())
      throw protocol::RunnerError("bad_request", "input '" + name + "': expected a .npy path");
    try {
      tensors[name] = read_npy(path.get<std::string>());
    } catch (const Error& e) {
      throw protocol::RunnerError("io", e.what());
    }
  }
  return tensors;
}

std::map<std::string, Shape> shapes_of(const std::map<std::string, Tensor>& inputs) {
  std::map<std::string, Shape> shapes;
  for (const auto& [name, t] : inputs) shapes[name] = t.shape;
  return shapes;
}

json write_output(const std::string& output_dir, const std::string& name, const Tensor& tensor) {
  std::string file = name;
  for (char& c : file)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
  std::filesystem::create_directories(output_dir);
  const std::string path = (std::filesystem::path(output_dir) / (file + ".npy")).string();
  write_npy(path, tensor);
  return {{"name", name}, {"path", path}, {"dtype", "float32"}, {"shape", tensor.shape}};
}

ModelIo load_model_io(const std::string& model) {
  static int copies = 0;
  const auto copy =
      std::filesystem::current_path() / ("model-" + std::to_string(++copies) + ".onnx");
  std::error_code ec;
  std::filesystem::copy_file(model, copy, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) throw protocol::RunnerError("io", model + ": cannot copy: " + ec.message());
  try {
    return read_model_io(copy.string());
  } catch (const Error& e) {
    throw protocol::RunnerError("model", e.what());
  }
}

std::string version_after(const qualcomm::ToolRun& run, const std::string& marker) {
  const auto at = run.output.find(marker);
  if (at == std::string::npos) return qualcomm::last_lines(run.output, 1);
  const auto from = at + marker.size();
  return run.output.substr(from, run.output.find_first_of(" \r\n", from) - from);
}

std::string fresh_folder(const std::string& label) {
  static int requests = 0;
  const auto folder = std::filesystem::current_path() / (label + "-" + std::to_string(++requests));
  std::filesystem::create_directories(folder);
  return folder.string();
}

void check_known_options(const json& options, const json& knobs) {
  for (const auto& [name, value] : options.items()) {
    bool known = false;
    for (const auto& k : knobs) known = known || k["name"] == name;
    if (!known) throw protocol::RunnerError("unsupported", "unknown knob '" + name + "'");
  }
}

std::string option_text(const json& options, const std::string& name, const std::string& fallback) {
  if (!options.contains(name)) return fallback;
  if (!options[name].is_string())
    throw protocol::RunnerError("unsupported", "knob '" + name + "': expected a string");
  return options[name].get<std::string>();
}

long long option_int(const json& options, const std::string& name, long long fallback) {
  if (!options.contains(name)) return fallback;
  if (!options[name].is_number_integer())
    throw protocol::RunnerError("unsupported", "knob '" + name + "': expected an integer");
  return options[name].get<long long>();
}

bool option_bool(const json& options, const std::string& name, bool fallback) {
  if (!options.contains(name)) return fallback;
  if (!options[name].is_boolean())
    throw protocol::RunnerError("unsupported", "knob '" + name + "': expected true or false");
  return options[name].get<bool>();
}

qualcomm::ToolRun run_checked(const qualcomm::Sdk& sdk, const std::string& tool,
                              const std::vector<std::string>& args) {
  try {
    qualcomm::ToolRun run =
        qualcomm::run_tool({sdk.tool(tool), args, "", {}}, std::chrono::hours(1));
    qualcomm::check_tool_run(run);
    return run;
  } catch (const Error& e) {
    throw protocol::RunnerError("engine", e.what());
  }
}

void send_samples(const json& id, const std::string& phase, int instance,
                  const std::vector<double>& latency_us,
                  const std::map<std::string, std::vector<double>>& stages) {
  constexpr std::size_t kBatch = 4096;
  for (std::size_t first = 0; first < latency_us.size(); first += kBatch) {
    const std::size_t last = std::min(latency_us.size(), first + kBatch);
    json event = {
        {"phase", phase},
        {"instance", instance},
        {"latency_us", std::vector<double>(latency_us.begin() + first, latency_us.begin() + last)}};
    if (!stages.empty()) {
      json s = json::object();
      for (const auto& [name, values] : stages)
        if (values.size() == latency_us.size())
          s[name] = std::vector<double>(values.begin() + first, values.begin() + last);
      event["stages"] = std::move(s);
    }
    protocol::send_event(id, "samples", std::move(event));
  }
}

}  // namespace onnxbench::qualcomm_runner
