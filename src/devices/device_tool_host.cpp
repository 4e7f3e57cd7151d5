#include "devices/device_tool_host.h"

namespace onnxbench {
namespace {

// The runner and its files are this host's (local_runner_host); the device is named to the runner
// and describes the records.
class DeviceToolHost : public RunnerHost {
 public:
  explicit DeviceToolHost(std::shared_ptr<DeviceSession> device)
      : device_(std::move(device)), here_(local_runner_host()) {}

  const std::string& device_name() const override { return device_->device_name(); }
  ProcessSpec runner_process(const std::string& engine,
                             const std::string& local_work_dir) override {
    ProcessSpec spec = here_->runner_process(engine, local_work_dir);
    spec.argv.insert(spec.argv.end(), {kRunnerDeviceOption, device_->transport().url().str(),
                                       kRunnerDeviceNameOption, device_->device_name()});
    return spec;
  }
  std::string model_path(const std::string& path) override { return here_->model_path(path); }
  std::string input_path(const std::string& path) override { return here_->input_path(path); }
  std::string output_dir(const std::string& dir) override { return here_->output_dir(dir); }
  std::string fetch_output(const std::string& runner_path, const std::string& dir) override {
    return here_->fetch_output(runner_path, dir);
  }
  bool shares_memory() const override { return here_->shares_memory(); }
  nlohmann::json describe() override { return device_->describe(); }
  void check_reachable() override { device_->check_reachable(); }

 private:
  std::shared_ptr<DeviceSession> device_;
  std::shared_ptr<RunnerHost> here_;
};

}  // namespace

std::shared_ptr<RunnerHost> device_tool_host(std::shared_ptr<DeviceSession> device) {
  return std::make_shared<DeviceToolHost>(std::move(device));
}

}  // namespace onnxbench
