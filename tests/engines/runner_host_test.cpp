// The cores a runner's sessions share: a device's probed cores, this host's otherwise.
#include "engines/runner_host.h"

#include <gtest/gtest.h>

#include "core/host_info.h"

namespace onnxbench {
namespace {

// A runner host that describes itself as a device would; nothing is ever started on it.
class DescribedHost : public RunnerHost {
 public:
  explicit DescribedHost(nlohmann::json description) : description_(std::move(description)) {}
  const std::string& device_name() const override { return name_; }
  ProcessSpec runner_process(const std::string&, const std::string&) override { return {}; }
  std::string model_path(const std::string& p) override { return p; }
  std::string input_path(const std::string& p) override { return p; }
  std::string output_dir(const std::string& p) override { return p; }
  std::string fetch_output(const std::string& p, const std::string&) override { return p; }
  nlohmann::json describe() override { return description_; }

 private:
  nlohmann::json description_;
  std::string name_ = "board";
};

TEST(RunnerHostCores, ADeviceCountsItsProbedCoresNotThisHosts) {
  const unsigned here = host_info().logical_cores;
  DescribedHost board({{"name", "board"}, {"probe", {{"cores", here + 62}}}});
  EXPECT_EQ(logical_cores(board), here + 62);
}

TEST(RunnerHostCores, ThisHostAndADeviceWithoutAProbeCountThisHostsCores) {
  const unsigned here = host_info().logical_cores;
  EXPECT_EQ(logical_cores(*local_runner_host()), here);
  DescribedHost unknown({{"name", "board"}, {"probe", {{"cores", 0}}}});
  EXPECT_EQ(logical_cores(unknown), here);
}

}  // namespace
}  // namespace onnxbench
