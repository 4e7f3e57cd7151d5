// Segmentation end to end: generated grey images with masks (N.png + N_seg.png, an ignored
// border of 255), a generated one-layer model that thresholds each pixel, scored by eval on both
// engines; the pixel F1 must be the one confusion matrix counted here over every pixel.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/file_io.h"
#include "core/random.h"
#include "core/sha256.h"
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

// The record is one the report and the store read: kind, model sha256, engine, and the task's one
// number (here the pixel F1) as the accuracy-against-latency view plots it.
TEST(EvalRecord, IsAnAccuracyRecordThatTheStoreAndTheReportRead) {
  const std::string s = testing::scratch_dir();
  model::save_model(threshold_model(), s + "/threshold.onnx");
  std::filesystem::create_directories(s + "/data");
  cv::Mat image(24, 32, CV_8UC1), mask(24, 32, CV_8UC1);
  for (int y = 0; y < 24; ++y)
    for (int x = 0; x < 32; ++x) {
      image.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(8 * x);
      mask.at<std::uint8_t>(y, x) = x >= 20 ? 1 : 0;  // 8x >= 128 from x = 16 on: 4 columns wrong
    }
  cv::imwrite(s + "/data/0.png", image);
  cv::imwrite(s + "/data/0_seg.png", mask);
  const std::string store = s + "/results.db";
  const auto r = run_cli("eval " + s + "/threshold.onnx --data " + s + "/data --json " + s +
                         "/accuracy.json --store " + store);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json record = json::parse(read_file(s + "/accuracy.json"));
  EXPECT_EQ(record["kind"], "accuracy");
  EXPECT_EQ(record["model"]["sha256"], sha256_hex(read_file(s + "/threshold.onnx")));
  EXPECT_EQ(record["engine"]["name"], "onnxruntime");
  EXPECT_EQ(record["metric"], "pixel F1 (macro)");
  EXPECT_DOUBLE_EQ(record["value"].get<double>(),
                   record["run"]["scores"]["pixels"]["macro"]["f1"].get<double>());
  EXPECT_LT(record["value"].get<double>(), 1.0);

  const auto listed = run_cli("results --store " + store + " --kind accuracy --json -");
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_EQ(json::parse(listed.output).size(), 1u) << listed.output;
  const auto from_file = run_cli("report " + s + "/accuracy.json -o " + s + "/a.html");
  EXPECT_EQ(from_file.exit_code, 0) << from_file.output;
  const auto from_store = run_cli("report --store " + store + " -o " + s + "/b.html");
  EXPECT_EQ(from_store.exit_code, 0) << from_store.output;
  EXPECT_EQ(from_store.output.find("left out"), std::string::npos) << from_store.output;
}

}  // namespace
}  // namespace onnxbench
