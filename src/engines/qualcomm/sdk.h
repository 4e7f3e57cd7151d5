// Where a Qualcomm SDK is and where its host tools are: SNPE (SNPE_ROOT, or a QAIRT SDK's
// QAIRT_SDK_ROOT) and QNN (QNN_SDK_ROOT, or QAIRT_SDK_ROOT) with tools in bin/x86_64-linux-clang
// and backends in lib/x86_64-linux-clang, and the Cloud AI 100 platform and apps SDK
// (QAIC_ROOT, default /opt/qti-aic) with tools in exec/.
#pragma once

#include <string>

namespace onnxbench::qualcomm {

struct Sdk {
  std::string engine;  // snpe, qnn, qaic
  std::string root;
  std::string tools_dir;  // host tools
  std::string tool(const std::string& name) const { return tools_dir + "/" + name; }
};

// `explicit_root`, else ONNXBENCH_QUALCOMM_SDK (what the commands' --sdk sets), wins over the
// SDKs' own variables. Throws Error naming the variables to
// set, or the tool that is missing, when no usable SDK is found.
Sdk find_sdk(const std::string& engine, const std::string& explicit_root = "");

}  // namespace onnxbench::qualcomm
