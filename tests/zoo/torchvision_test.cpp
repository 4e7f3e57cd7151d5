// MACs of real torchvision models, exported with scripts/export_torchvision.py (random weights,
// batch 1, 224x224, opset 13), against the published figures. The exports are cached under
// ${build}/models/ so re-runs are fast.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/loader.h"
#include "inspect/inspect.h"
#include "inspect/macs.h"
#include "support/test_paths.h"

namespace onnxbench::model {
namespace {

namespace fs = std::filesystem;
const char kPython[] = "/usr/bin/python3";

bool python_has_torchvision() {
  static const bool has =
      fs::exists(kPython) && std::system(
                                 "/usr/bin/python3 -c 'import torch, torchvision' "
                                 ">/dev/null 2>&1") == 0;
  return has;
}

// Exports `name` unless the cached file exists; returns its path.
std::string exported(const std::string& name, const std::string& extra_args = "",
                     const std::string& suffix = "") {
  const fs::path dir = fs::path(onnxbench::testing::build_dir()) / "models";
  fs::create_directories(dir);
  const fs::path out = dir / (name + suffix + ".onnx");
  if (fs::exists(out)) return out.string();
  const fs::path log = dir / (name + suffix + ".log");
  const std::string cmd = std::string(kPython) + " '" + onnxbench::testing::source_dir() +
                          "/scripts/export_torchvision.py' " + name + " --out '" + out.string() +
                          "' --opset 13 --batch 1 --image-size 224 " + extra_args + " >'" +
                          log.string() + "' 2>&1";
  if (std::system(cmd.c_str()) != 0 || !fs::exists(out)) {
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    ADD_FAILURE() << "export failed: " << cmd << "\n" << text.str();
    return "";
  }
  return out.string();
}

void expect_macs(const std::string& name, double expected_gmacs) {
  if (!python_has_torchvision())
    GTEST_SKIP() << kPython << " cannot import torch and torchvision (Debian packages "
                 << "python3-torch, python3-torchvision): torchvision MAC checks skipped";
  const std::string path = exported(name);
  ASSERT_FALSE(path.empty());
  const ModelSummary s = inspect_model(load_model(path).proto);
  const double gmacs = static_cast<double>(s.total_macs) / 1e9;
  std::cout << "[ info     ] " << name << ": " << macs_to_string(s.total_macs) << "MACs ("
            << s.total_macs << "), " << s.parameter_count << " parameters\n";
  EXPECT_NEAR(gmacs, expected_gmacs, 0.03 * expected_gmacs) << name;
  EXPECT_TRUE(s.unknown_macs_nodes.empty())
      << name << ": " << s.unknown_macs_nodes.size() << " nodes with unknown MACs";
  EXPECT_FALSE(s.symbolic_dims_as_one);
  EXPECT_TRUE(s.shape_inference_error.empty()) << s.shape_inference_error;
  ASSERT_EQ(s.inputs.size(), 1u);
  EXPECT_EQ(dims_to_string(*s.inputs[0].shape), "[1,3,224,224]");
  EXPECT_EQ(dims_to_string(*s.outputs[0].shape), "[1,1000]");
}

TEST(Torchvision, Resnet18) { expect_macs("resnet18", 1.82); }
TEST(Torchvision, Resnet50) { expect_macs("resnet50", 4.1); }
TEST(Torchvision, MobilenetV2) { expect_macs("mobilenet_v2", 0.30); }

TEST(Torchvision, Resnet18DynamicBatch) {
  if (!python_has_torchvision()) GTEST_SKIP() << kPython << " cannot import torchvision";
  const std::string path = exported("resnet18", "--dynamic-batch", "_dynamic");
  ASSERT_FALSE(path.empty());
  const ModelSummary s = inspect_model(load_model(path).proto);
  EXPECT_EQ(dims_to_json(s.inputs[0].shape).dump(), R"(["batch",3,224,224])");
  EXPECT_TRUE(s.symbolic_dims_as_one);
  EXPECT_NEAR(static_cast<double>(s.total_macs) / 1e9, 1.82, 0.03 * 1.82);
}

}  // namespace
}  // namespace onnxbench::model
