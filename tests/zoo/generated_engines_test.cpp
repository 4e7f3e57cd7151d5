// Generated models on the real engines: sampled MobileNetV2s, small ResNets and a transformer
// encoder on ONNX Runtime and OpenCV, whose outputs must agree.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/npy.h"
#include "engines/engine.h"
#include "graph/builder.h"
#include "support/arch_test_util.h"
#include "support/pass_test_util.h"
#include "zoo/generators.h"
#include "zoo/search_space.h"

namespace onnxbench {
namespace {

// The single output of `model` on `engine_name` for a seeded random input.
Tensor run_on(const std::string& engine_name, const onnx::ModelProto& model, const Shape& input) {
  const auto outputs = testing::run_on_engine(
      engine_name, model, {{"input", random_tensor(DType::kFloat32, input, 3)}});
  EXPECT_EQ(outputs.size(), 1u);
  return outputs.begin()->second;
}

// Same shape, finite, and equal within 1e-3 of the largest magnitude.
void expect_agree(const Tensor& a, const Tensor& b) {
  ASSERT_EQ(a.shape, b.shape);
  float largest = 0;
  for (std::int64_t i = 0; i < a.element_count(); ++i) {
    ASSERT_TRUE(std::isfinite(a.as<float>()[i])) << "element " << i;
    largest = std::max(largest, std::abs(a.as<float>()[i]));
  }
  for (std::int64_t i = 0; i < a.element_count(); ++i)
    ASSERT_NEAR(a.as<float>()[i], b.as<float>()[i], 1e-3f * largest) << "element " << i;
}

void expect_both_engines_agree(const model::Architecture& arch, const Shape& input,
                               const Shape& output) {
  const onnx::ModelProto m = model::generate_model(arch, 9, model::Dim(input[0]));
  const Tensor ort = run_on("onnxruntime", m, input);
  EXPECT_EQ(ort.shape, output);
  expect_agree(ort, run_on("opencv", m, input));
}

TEST(GeneratedOnEngines, SampledMobileNetV2sRunOnBothEngines) {
  const auto archs =
      model::sample_architectures(model::read_space(testing::default_space_path()), 3, 2026);
  for (const auto& a : archs) {
    SCOPED_TRACE(model::architecture_to_json(model::Architecture(a)).dump());
    expect_both_engines_agree(a, {2, 3, 32, 32}, {2, 10});
  }
}

TEST(GeneratedOnEngines, SmallResNetsRunOnBothEngines) {
  for (const char* block : {"basic", "bottleneck"}) {
    model::ResNetArch r;
    r.block = block;
    r.depths = {1, 2};
    r.widths = {16, 32};
    r.input_size = 64;
    r.num_classes = 7;
    r.stem_channels = 16;
    SCOPED_TRACE(block);
    expect_both_engines_agree(r, {1, 3, 64, 64}, {1, 7});
  }
}

// OpenCV 4.6 runs it at batch 1 only: with a larger batch it cannot broadcast LayerNorm's
// x - mean ([B,S,D] - [B,S,1]) between two computed tensors.
TEST(GeneratedOnEngines, TransformerEncoderRunsOnBothEnginesAtBatch1) {
  const model::TransformerArch t = testing::small_transformer();
  expect_both_engines_agree(t, {1, t.seq_len, t.d_model}, {1, t.num_classes});
  const Tensor out =
      run_on("onnxruntime", model::generate_model(t, 9, model::Dim(2)), {2, t.seq_len, t.d_model});
  EXPECT_EQ(out.shape, (Shape{2, t.num_classes}));
}

}  // namespace
}  // namespace onnxbench
