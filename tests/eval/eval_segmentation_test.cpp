// Segmentation end to end: generated grey images with masks (N.png + N_seg.png, an ignored
// border of 255), a generated one-layer model that thresholds each pixel, scored by eval on both
// engines; the pixel F1 must be the one confusion matrix counted here over every pixel.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/random.h"
#include "graph/builder.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

using nlohmann::json;
using testing::run_cli;

// Two class scores per pixel, x - 0.5 (class 1) against 0.5 - x (class 0), for pixels / 255:
// class 1 exactly where the pixel is 128 or more.
onnx::ModelProto threshold_model() {
  Tensor w(DType::kFloat32, {2, 1, 1, 1}), b(DType::kFloat32, {2});
  w.as<float>()[0] = -1, w.as<float>()[1] = 1;
  b.as<float>()[0] = 0.5f, b.as<float>()[1] = -0.5f;
  model::ModelBuilder m(13);
  m.input("image", DType::kFloat32, {"N", 1, 24, 32})
      .initializer("w", w)
      .initializer("b", b)
      .node("Conv", {"image", "w", "b"}, {"scores"}, {model::attr_ints("kernel_shape", {1, 1})})
      .output("scores", DType::kFloat32, {"N", 2, 24, 32});
  return m.build();
}

TEST(EvalSegmentation, PixelF1IsOneConfusionMatrixOverAllPixels) {
  const std::string s = testing::scratch_dir();
  model::save_model(threshold_model(), s + "/threshold.onnx");
  std::filesystem::create_directories(s + "/data");
  // counts[truth][predicted]: the truth says class 1 from 100 on, so 100..127 are misread.
  std::int64_t counts[2][2] = {{0, 0}, {0, 0}};
  SplitMix64 rng{7};
  for (int n = 0; n < 5; ++n) {
    cv::Mat image(24, 32, CV_8UC1), mask(24, 32, CV_8UC1);
    for (int y = 0; y < 24; ++y)
      for (int x = 0; x < 32; ++x) {
        // Brighter towards the right, so that the classes are not balanced.
        const int v = static_cast<int>(rng.next() % 160) + 3 * x;
        image.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(std::min(v, 255));
        const int truth = std::min(v, 255) >= 100 ? 1 : 0;
        const bool ignored = y == 0 || x == 31;
        mask.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(ignored ? 255 : truth);
        if (!ignored) ++counts[truth][std::min(v, 255) >= 128 ? 1 : 0];
      }
    cv::imwrite(s + "/data/" + std::to_string(n) + ".png", image);
    cv::imwrite(s + "/data/" + std::to_string(n) + "_seg.png", mask);
  }
  double f1[2];
  for (int c = 0; c < 2; ++c) {
    const double tp = static_cast<double>(counts[c][c]);
    const double precision = tp / static_cast<double>(counts[0][c] + counts[1][c]);
    const double recall = tp / static_cast<double>(counts[c][0] + counts[c][1]);
    f1[c] = 2 * precision * recall / (precision + recall);
  }
  const double total =
      static_cast<double>(counts[0][0] + counts[0][1] + counts[1][0] + counts[1][1]);
  for (const std::string engine : {"onnxruntime", "opencv"}) {
    const auto r = run_cli("eval " + s + "/threshold.onnx --data " + s +
                           "/data --batch 2 --json - --engine " + engine);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const json pixels = json::parse(r.output)["run"]["scores"]["pixels"];
    EXPECT_DOUBLE_EQ(pixels["accuracy"].get<double>(),
                     static_cast<double>(counts[0][0] + counts[1][1]) / total);
    EXPECT_NEAR(pixels["macro"]["f1"].get<double>(), (f1[0] + f1[1]) / 2, 1e-12);
    EXPECT_NEAR(pixels["per_class"][1]["f1"].get<double>(), f1[1], 1e-12);
    EXPECT_EQ(pixels["per_class"][1]["support"], counts[1][0] + counts[1][1]);
  }
  // A mask value that is neither a class nor the ignore label names the mask.
  cv::Mat bad(24, 32, CV_8UC1, cv::Scalar(7));
  cv::imwrite(s + "/data/3_seg.png", bad);
  EXPECT_TRUE(
      testing::is_one_line_error(run_cli("eval " + s + "/threshold.onnx --data " + s + "/data"),
                                 {"3_seg.png: class 7 outside the model's 2 classes"}));
}

}  // namespace
}  // namespace onnxbench
