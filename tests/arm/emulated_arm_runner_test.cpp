// The aarch64 runner bundles, run here under Debian's qemu-user-static (an emulated Arm CPU, not
// a board): their outputs against the x86-64 runner's, bench and profile through the protocol.
// Nothing here reads a timing: timings under emulation say nothing about a board.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include "core/npy.h"
#include "core/sha256.h"
#include "engines/bundle_manifest.h"
#include "engines/engine.h"
#include "graph/builder.h"
#include "support/emulated_arm.h"
#include "support/model_test_util.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

// The kernels on aarch64 (NEON) and x86-64 (AVX2) sum in other orders: outputs agree to
// within 1e-5 absolute plus 1e-4 of the value (float32), which a wrong kernel exceeds by far.
constexpr float kAbsoluteTolerance = 1e-5f, kRelativeTolerance = 1e-4f;

class EmulatedArmRunner : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (const std::string why = testing::emulated_arm_unavailable(GetParam()); !why.empty())
      GTEST_SKIP() << why;
    bundle_ = read_bundle_manifest(testing::aarch64_bundle_folder(GetParam()));
    model_ = testing::scratch_dir() + "/demo.onnx";
    model::save_model(model::demo_cnn(11, false), model_);
  }
  void TearDown() override { testing::remove_scratch_dir(); }
  std::string write_input(const Engine& engine) {
    const std::string path = engine.work_dir() + "/input.npy";
    write_npy(path, random_tensor(DType::kFloat32, {1, 3, 96, 96}, 5));
    return path;
  }
  BundleManifest bundle_;
  std::string model_;
};

TEST_P(EmulatedArmRunner, HelloNamesTheBundlesEngineVersion) {
  Engine arm(GetParam(), testing::emulated_arm_process(GetParam()), RunnerLimits{});
  EXPECT_EQ(arm.info().engine, GetParam());
  EXPECT_EQ(arm.info().engine_version, bundle_.engine_version);
  EXPECT_EQ(arm.info().runner_version, bundle_.runner_version);
}

TEST_P(EmulatedArmRunner, InferMatchesTheX86RunnerWithinFloatTolerance) {
  Engine x86(GetParam(), RunnerLimits{});
  Engine arm(GetParam(), testing::emulated_arm_process(GetParam()), RunnerLimits{});
  x86.load(model_, 1, nlohmann::json::object());
  arm.load(model_, 1, nlohmann::json::object());
  const auto expected = x86.infer({{"input", write_input(x86)}}, x86.work_dir());
  const auto actual = arm.infer({{"input", write_input(arm)}}, arm.work_dir());
  ASSERT_EQ(expected.size(), 1u);
  ASSERT_EQ(actual.size(), 1u);
  const Tensor a = read_npy(actual[0].path), e = read_npy(expected[0].path);
  ASSERT_EQ(a.shape, e.shape);
  ASSERT_EQ(a.dtype, DType::kFloat32);
  for (std::int64_t i = 0; i < e.element_count(); ++i) {
    const float want = e.as<float>()[i];
    EXPECT_NEAR(a.as<float>()[i], want, kAbsoluteTolerance + kRelativeTolerance * std::fabs(want))
        << "logit " << i;
  }
}

TEST_P(EmulatedArmRunner, BenchAndProfileAnswerThroughTheProtocol) {
  Engine arm(GetParam(), testing::emulated_arm_process(GetParam()), RunnerLimits{});
  arm.load(model_, 1, nlohmann::json::object());
  BenchRequest request;
  request.inputs = {{"input", write_input(arm)}};
  request.warmup_iterations = 1;
  request.run_iterations = 3;
  const BenchRaw raw = arm.bench(request);
  EXPECT_EQ(raw.measure_count, 3);
  ASSERT_EQ(raw.measure.size(), 1u);
  EXPECT_EQ(raw.measure[0].latency_us.size(), 3u);

  // The same engine version on the same graph: the same layers, in the same order, as on x86-64.
  Engine x86(GetParam(), RunnerLimits{});
  x86.load(model_, 1, nlohmann::json::object());
  const ProfileRaw arm_profile = arm.profile(request.inputs, 0, 2);
  const ProfileRaw x86_profile = x86.profile({{"input", write_input(x86)}}, 0, 2);
  EXPECT_EQ(arm_profile.total_us.size(), 2u);
  const auto layers = [](const ProfileRaw& p) {
    std::vector<std::string> names;
    for (const auto& layer : p.layers) names.push_back(layer.name + ":" + layer.op_type);
    return names;
  };
  EXPECT_GE(arm_profile.layers.size(), 6u);  // Conv (Relu fused) x3, MaxPool x2, GAP, Flatten, Gemm
  // OpenCV runs the same layers on both; ONNX Runtime rewrites the graph for the CPU (NHWC
  // convolutions on Arm, NCHWc on x86-64), so only the layers it leaves alone match there.
  if (GetParam() == "opencv") {
    EXPECT_EQ(layers(arm_profile), layers(x86_profile));
  } else {
    const auto arm = layers(arm_profile), x86 = layers(x86_profile);
    for (const std::string layer : {"flatten:Flatten", "fc:Gemm"}) {
      EXPECT_NE(std::find(arm.begin(), arm.end(), layer), arm.end()) << layer;
      EXPECT_NE(std::find(x86.begin(), x86.end(), layer), x86.end()) << layer;
    }
  }
  for (const auto& layer : arm_profile.layers) EXPECT_EQ(layer.samples_us.size(), 2u) << layer.name;
}

INSTANTIATE_TEST_SUITE_P(Engines, EmulatedArmRunner, ::testing::Values("opencv", "onnxruntime"));

class EmulatedArmBundle : public ::testing::TestWithParam<std::string> {};

TEST_P(EmulatedArmBundle, ManifestNamesEveryFileWithItsHashAndAnAarch64Runner) {
  if (const std::string why = testing::emulated_arm_unavailable(GetParam()); !why.empty())
    GTEST_SKIP() << why;
  const auto folder = testing::aarch64_bundle_folder(GetParam());
  const BundleManifest bundle = read_bundle_manifest(folder);
  EXPECT_EQ(bundle.architecture, "aarch64");
  EXPECT_EQ(bundle.engine, GetParam());
  for (const auto& file : bundle.files)
    EXPECT_EQ(sha256_file((folder / file.name).string()), file.sha256) << file.name;
  // ELF e_machine 183 (EM_AARCH64) at offset 18, little-endian.
  std::ifstream runner(folder / bundle.runner, std::ios::binary);
  unsigned char header[20] = {};
  runner.read(reinterpret_cast<char*>(header), sizeof header);
  EXPECT_EQ(header[18] | header[19] << 8, 183);
  // The lowest glibc is read off the files' symbol versions: 2.17 is aarch64's first glibc.
  EXPECT_TRUE(std::regex_match(bundle.glibc_min, std::regex(R"(2\.\d+)"))) << bundle.glibc_min;
  EXPECT_GE(std::stoi(bundle.glibc_min.substr(2)), 17);
}

INSTANTIATE_TEST_SUITE_P(Engines, EmulatedArmBundle, ::testing::Values("opencv", "onnxruntime"));

}  // namespace
}  // namespace onnxbench
