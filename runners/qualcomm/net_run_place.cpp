#include "net_run_place.h"

#include "session.h"

namespace onnxbench::qualcomm_runner {
namespace {

class ThisHost : public NetRunPlace {
 public:
  explicit ThisHost(const qualcomm::Sdk& sdk) : NetRunPlace(sdk) {}

  DlcRun place(const std::string& dlc, const std::string& input_list,
               const std::string& local_output_dir, const std::string& profiling_level) override {
    return {dlc, input_list, local_output_dir, profiling_level, local_output_dir};
  }
  // The host SDK's tools report an unavailable runtime themselves.
  void require_dsp(const std::string&) override {}
  qualcomm::ToolRun run(const std::string& tool, const std::vector<std::string>& args) override {
    return run_checked(sdk(), tool, args);
  }
  std::string library(const std::string& name) override {
    return sdk().root + "/lib/x86_64-linux-clang/" + name;
  }
  void fetch(const DlcRun&, const std::vector<std::string>&) override {}
  void finish(const DlcRun&) override {}
};

}  // namespace

std::unique_ptr<NetRunPlace> this_host_place(const qualcomm::Sdk& sdk) {
  return std::make_unique<ThisHost>(sdk);
}

}  // namespace onnxbench::qualcomm_runner
