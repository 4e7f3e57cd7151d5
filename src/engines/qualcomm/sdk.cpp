#include "engines/qualcomm/sdk.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/error.h"

namespace onnxbench::qualcomm {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

Sdk find_sdk(const std::string& engine, const std::string& explicit_root) {
  Sdk sdk{engine, explicit_root.empty() ? env("ONNXBENCH_QUALCOMM_SDK") : explicit_root, ""};
  std::string probe, hint;
  if (engine == "snpe") {
    if (sdk.root.empty()) sdk.root = env("SNPE_ROOT");
    if (sdk.root.empty()) sdk.root = env("QAIRT_SDK_ROOT");
    sdk.tools_dir = sdk.root + "/bin/x86_64-linux-clang";
    probe = "snpe-net-run";
    hint = "set SNPE_ROOT (or QAIRT_SDK_ROOT) to the Qualcomm Neural Processing SDK";
  } else if (engine == "qnn") {
    if (sdk.root.empty()) sdk.root = env("QNN_SDK_ROOT");
    if (sdk.root.empty()) sdk.root = env("QAIRT_SDK_ROOT");
    sdk.tools_dir = sdk.root + "/bin/x86_64-linux-clang";
    probe = "qnn-net-run";
    hint = "set QNN_SDK_ROOT (or QAIRT_SDK_ROOT) to the Qualcomm AI Engine Direct SDK";
  } else if (engine == "qaic") {
    if (sdk.root.empty()) sdk.root = env("QAIC_ROOT");
    if (sdk.root.empty()) sdk.root = "/opt/qti-aic";
    sdk.tools_dir = sdk.root + "/exec";
    probe = "qaic-runner";
    hint = "install the Cloud AI 100 platform and apps SDK in /opt/qti-aic or set QAIC_ROOT";
  } else {
    throw Error("engine '" + engine + "' is not a Qualcomm engine");
  }
  if (sdk.root.empty()) throw Error("engine '" + engine + "': no SDK found; " + hint);
  if (::access(sdk.tool(probe).c_str(), X_OK) != 0)
    throw Error("engine '" + engine + "': " + sdk.tool(probe) + " is missing or not executable; " +
                hint);
  return sdk;
}

}  // namespace onnxbench::qualcomm
