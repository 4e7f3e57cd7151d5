// Where a DLC runs: this host (the SDK's own host tools), or a device that the runner drives
// through onnxbench's transport (device_place.h). Conversion, quantization and the profile
// viewers always run here; only the net-run tools run at the place.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engines/qualcomm/sdk.h"
#include "engines/qualcomm/tool_run.h"

namespace onnxbench::qualcomm_runner {

struct DlcRun {
  std::string dlc, input_list, output_dir;  // as the net-run tool sees them
  std::string profiling_level;              // basic or detailed
  std::string local_output_dir;             // where fetch() brings the tool's files here
};

class NetRunPlace {
 public:
  virtual ~NetRunPlace() = default;
  const qualcomm::Sdk& sdk() const { return sdk_; }
  // The DLC, the input list and the .raw files it names, placed where the tool reads them, and
  // a fresh output folder there whose files fetch() brings to `local_output_dir`.
  virtual DlcRun place(const std::string& dlc, const std::string& input_list,
                       const std::string& local_output_dir, const std::string& profiling_level) = 0;
  // Makes the DSP runtime's libraries reachable (`runtime` names it in messages: dsp, htp); an
  // engine error naming the place and what is missing when it has none.
  virtual void require_dsp(const std::string& runtime) = 0;
  // Runs one of the SDK's net-run tools there and checks it (an engine error otherwise).
  virtual qualcomm::ToolRun run(const std::string& tool, const std::vector<std::string>& args) = 0;
  // The path of one of the SDK's libraries for the place (QNN backends: libQnnHtp.so).
  virtual std::string library(const std::string& name) = 0;
  // Brings files of the run's output folder (names relative to it) to its local output folder.
  virtual void fetch(const DlcRun& run, const std::vector<std::string>& files) = 0;
  // The run's files at the place are no longer needed.
  virtual void finish(const DlcRun& run) = 0;

 protected:
  explicit NetRunPlace(qualcomm::Sdk sdk) : sdk_(std::move(sdk)) {}

 private:
  qualcomm::Sdk sdk_;
};

// This host: paths as they are, tools from the SDK's host folder.
std::unique_ptr<NetRunPlace> this_host_place(const qualcomm::Sdk& sdk);

}  // namespace onnxbench::qualcomm_runner
