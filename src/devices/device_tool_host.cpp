#include "devices/device_tool_host.h"

#include <filesystem>

#include "engines/registry.h"

namespace onnxbench {
namespace {

class DeviceToolHost : public RunnerHost {
 public:
  explicit DeviceToolHost(std::shared_ptr<DeviceSession> device) : device_(std::move(device)) {}

  const std::string& device_name() const override { return device_->device_name(); }
  ProcessSpec runner_process(const std::string& engine,
                             const std::string& local_work_dir) override {
    ProcessSpec spec = runner_command(engine);
    spec.argv.insert(spec.argv.end(), {kRunnerDeviceOption, device_->transport().url().str(),
                                       kRunnerDeviceNameOption, device_->device_name()});
    spec.cwd = local_work_dir;
    return spec;
  }
  std::string model_path(const std::string& local_path) override { return absolute(local_path); }
  std::string input_path(const std::string& local_path) override { return absolute(local_path); }
  std::string output_dir(const std::string& local_dir) override { return absolute(local_dir); }
  std::string fetch_output(const std::string& runner_path, const std::string&) override {
    return runner_path;
  }
  nlohmann::json describe() override { return device_->describe(); }
  bool shares_memory() const override { return true; }
  void check_reachable() override { device_->check_reachable(); }

 private:
  static std::string absolute(const std::string& path) {
    return std::filesystem::absolute(path).string();
  }
  std::shared_ptr<DeviceSession> device_;
};

}  // namespace

std::shared_ptr<RunnerHost> device_tool_host(std::shared_ptr<DeviceSession> device) {
  return std::make_shared<DeviceToolHost>(std::move(device));
}

}  // namespace onnxbench
