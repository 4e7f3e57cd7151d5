#include <filesystem>

#include "engines/registry.h"
#include "engines/runner_host.h"

namespace onnxbench {
namespace {

class LocalRunnerHost : public RunnerHost {
 public:
  const std::string& device_name() const override { return name_; }
  ProcessSpec runner_process(const std::string& engine,
                             const std::string& local_work_dir) override {
    ProcessSpec spec = runner_command(engine);
    spec.cwd = local_work_dir;
    return spec;
  }
  std::string model_path(const std::string& local_path) override { return absolute(local_path); }
  std::string input_path(const std::string& local_path) override { return absolute(local_path); }
  std::string output_dir(const std::string& local_dir) override { return absolute(local_dir); }
  std::string fetch_output(const std::string& runner_path, const std::string&) override {
    return runner_path;
  }
  nlohmann::json describe() override { return {{"name", name_}, {"transport", "local"}}; }
  bool shares_memory() const override { return true; }

 private:
  static std::string absolute(const std::string& path) {
    return std::filesystem::absolute(path).string();
  }
  std::string name_ = "local";
};

}  // namespace

std::shared_ptr<RunnerHost> local_runner_host() { return std::make_shared<LocalRunnerHost>(); }

}  // namespace onnxbench
