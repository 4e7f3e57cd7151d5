// One engine behind the runner protocol: what a Qualcomm engine does for load, infer, bench and
// profile by driving the vendor's tools. Requests arrive already checked for their id and op.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/protocol.h"
#include "core/tensor.h"
#include "engines/qualcomm/sdk.h"
#include "engines/qualcomm/tool_exec.h"
#include "model_io.h"

namespace onnxbench::qualcomm_runner {

using nlohmann::json;
namespace protocol = onnxbench::runner;

class Session {
 public:
  virtual ~Session() = default;
  virtual json knobs() const = 0;
  virtual std::string engine_version() = 0;
  // Model preparation waits for the first request with inputs, whose shapes it compiles for.
  virtual void load(const std::string& model, int instances, const json& options) = 0;
  virtual json infer(const json& request) = 0;
  virtual json bench(const json& id, const json& request) = 0;
  virtual json profile(const json& id, const json& request) = 0;
};

// --device URL and --device-name NAME: the device whose tools snpe and qnn drive (an empty URL:
// this host).
struct RunnerDevice {
  std::string url, name;
};
std::unique_ptr<Session> make_snpe_session(const qualcomm::Sdk& sdk, const RunnerDevice& device);
std::unique_ptr<Session> make_qnn_session(const qualcomm::Sdk& sdk, const RunnerDevice& device);
std::unique_ptr<Session> make_qaic_session(const qualcomm::Sdk& sdk);

// --- helpers shared by the engines ----------------------------------------------------------

// The request's "inputs" (name -> .npy path) read into tensors.
std::map<std::string, Tensor> read_inputs(const json& request);
std::map<std::string, Shape> shapes_of(const std::map<std::string, Tensor>& inputs);
// Writes `tensor` as <output_dir>/<name>.npy (name sanitized as the protocol says) and returns
// the reply's entry for it.
json write_output(const std::string& output_dir, const std::string& name, const Tensor& tensor);
// The model's inputs and outputs. The model is needed after `load` (it is converted at the first
// request), but its file may go once `load` has replied: this reads a copy kept in the runner's
// work folder. A model that cannot be read is a `model` error.
ModelIo load_model_io(const std::string& model);
// The version a tool prints after `marker` ("SNPE v" in "SNPE v2.22.0.240425").
std::string version_after(const qualcomm::ToolRun& run, const std::string& marker);
// A fresh folder in the runner's work folder for one request's files.
std::string fresh_folder(const std::string& label);
// A knob value from `options`, the knob's default when absent; unsupported error otherwise.
std::string option_text(const json& options, const std::string& name, const std::string& fallback);
long long option_int(const json& options, const std::string& name, long long fallback);
bool option_bool(const json& options, const std::string& name, bool fallback);
// Refuses knobs the engine does not declare (protocol: unknown knobs are unsupported).
void check_known_options(const json& options, const json& knobs);
// Runs a tool in the runner's work folder and checks it (ToolError becomes an engine error).
qualcomm::ToolRun run_checked(const qualcomm::Sdk& sdk, const std::string& tool,
                              const std::vector<std::string>& args);
// Sends raw samples in the protocol's batches of at most 4096.
void send_samples(const json& id, const std::string& phase, int instance,
                  const std::vector<double>& latency_us,
                  const std::map<std::string, std::vector<double>>& stages = {});

}  // namespace onnxbench::qualcomm_runner
