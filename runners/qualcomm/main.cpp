// onnxbench-runner-qualcomm --engine snpe|qnn|qaic [--sdk DIR] [--device URL --device-name NAME]:
// Qualcomm's own command-line tools behind the runner protocol (docs/runner-protocol.md); with
// --device, snpe and qnn run their DLCs on that device through onnxbench's transport. A tool that
// fails or prints a failure becomes an error reply naming the tool, its command line and its last
// lines; the runner goes on.
#include <cstdio>
#include <cstring>

#include "common/serve.h"
#include "devices/device_tool_host.h"
#include "session.h"

namespace onnxbench::qualcomm_runner {
namespace {

class QualcommOps : public runner::RunnerOps {
 public:
  QualcommOps(std::string engine, std::unique_ptr<Session> session)
      : engine_(std::move(engine)), session_(std::move(session)) {}

  runner::EngineHello hello() override {
    runner::EngineHello h{engine_, session_->engine_version(), session_->knobs(), {"float32"}, {}};
    if (engine_ == "qaic") h.stages = {"preProcTime", "execTotal"};
    h.profile = engine_ != "qaic";
    h.intermediate_outputs = false;
    // A Cloud AI 100 card has up to 16 AI cores; qaic-runner refuses more activations than the
    // card holds. The others run one instance at a time.
    h.max_instances = engine_ == "qaic" ? 16 : 1;
    return h;
  }

  int load(const runner::LoadArgs& args) override {
    session_->load(args.model, args.instances, args.options);
    loaded_ = true;
    return 0;  // the vendor's tools choose their own threads
  }

  bool loaded() const override { return loaded_; }
  json infer(const json& request) override { return session_->infer(request); }
  json bench(const json& id, const json& request) override { return session_->bench(id, request); }
  json profile(const json& id, const json& request) override {
    return session_->profile(id, request);
  }

 private:
  std::string engine_;
  std::unique_ptr<Session> session_;
  bool loaded_ = false;
};

}  // namespace
}  // namespace onnxbench::qualcomm_runner

int main(int argc, char** argv) {
  using namespace onnxbench::qualcomm_runner;
  std::string engine, sdk_root;
  RunnerDevice device;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--engine") == 0) engine = argv[i + 1];
    if (std::strcmp(argv[i], "--sdk") == 0) sdk_root = argv[i + 1];
    if (std::strcmp(argv[i], onnxbench::kRunnerDeviceOption) == 0) device.url = argv[i + 1];
    if (std::strcmp(argv[i], onnxbench::kRunnerDeviceNameOption) == 0) device.name = argv[i + 1];
  }
  onnxbench::runner::Channel::open("onnxbench-runner-qualcomm");
  onnxbench::qualcomm::Sdk sdk;
  try {
    sdk = onnxbench::qualcomm::find_sdk(engine, sdk_root);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  QualcommOps ops(engine, engine == "snpe"  ? make_snpe_session(sdk, device)
                          : engine == "qnn" ? make_qnn_session(sdk, device)
                                            : make_qaic_session(sdk));
  return onnxbench::runner::serve(ops);
}
