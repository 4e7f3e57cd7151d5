// Calibration and comparison samples: .npy files cut into batches, folders, images with their
// stated preprocessing, random data, and the errors for data that does not fit.
#include "data/sample_set.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "core/npy.h"
#include "support/model_test_util.h"
#include "support/test_paths.h"

namespace onnxbench::quant {
namespace {

TEST(CalibrationSet, BadDataIsRefusedNamingTheFile) {
  const std::string dir = testing::scratch_dir();
  const std::vector<InputSpec> one{{"x", "float32", {1, 3, 8, 8}}};
  const std::vector<InputSpec> two{{"x", "float32", {1, 3}}, {"y", "float32", {1, 3}}};
  EXPECT_TRUE(
      testing::contains(testing::input_error_of([&] { calibration_set(dir, one, {}, dir); }),
                        "no calibration samples"));
  EXPECT_TRUE(
      testing::contains(testing::input_error_of([&] { calibration_set("random:0", one, {}, dir); }),
                        "random:N with N >= 1"));
  write_npy(dir + "/empty.npy", Tensor(DType::kFloat32, {0, 3, 8, 8}));
  EXPECT_TRUE(testing::contains(
      testing::input_error_of([&] { calibration_set(dir + "/empty.npy", one, {}, dir); }),
      "first axis of 1 or more"));
  write_npy(dir + "/two.npy", Tensor(DType::kFloat32, {4, 3}));
  EXPECT_TRUE(testing::contains(
      testing::input_error_of([&] { calibration_set(dir + "/two.npy", two, {}, dir); }),
      "one input"));
}

TEST(CalibrationSet, EverySampleCarriesTheDimsOfSymbolicDimensions) {
  const std::string dir = testing::scratch_dir();
  const std::vector<InputSpec> seq{{"x", "float32", {"N", "seq", 8}}};
  SampleOptions options;
  options.batch = 2;
  options.dims = {{"seq", 5}};
  const auto set = calibration_set("random:3", seq, options, dir);
  ASSERT_EQ(set.samples.size(), 3u);
  for (const auto& sample : set.samples) {
    EXPECT_EQ(sample.batch, 2);
    EXPECT_EQ(sample.dims, (std::map<std::string, long long>{{"seq", 5}}));
  }
}

TEST(CalibrationSet, ANpyFileIsCutIntoBatchesOfTheModelsBatch) {
  const std::string dir = testing::scratch_dir();
  write_npy(dir + "/data.npy", random_tensor(DType::kFloat32, {7, 3, 8, 8}, 1));
  const std::vector<InputSpec> fixed{{"x", "float32", {2, 3, 8, 8}}};
  const auto set = calibration_set(dir + "/data.npy", fixed, {}, dir);
  EXPECT_EQ(set.samples.size(), 3u);
  EXPECT_TRUE(testing::contains(set.description, "the last 1 unused"));
  EXPECT_EQ(read_npy(set.samples[1].files[0]).shape, (Shape{2, 3, 8, 8}));
}

TEST(CalibrationSet, OnnxTestDataFoldersGiveTheirInputsOnly) {
  const std::string node = "/usr/share/libonnx-testdata/data/node/test_conv_with_strides_padding";
  if (!std::filesystem::exists(node)) GTEST_SKIP() << "libonnx-testdata is not installed";
  const std::vector<InputSpec> conv{{"x", "float32", {1, 1, 7, 5}}, {"W", "float32", {1, 1, 3, 3}}};
  const std::string dir = testing::scratch_dir();
  // One set (input_0.pb, input_1.pb, output_0.pb) is one sample of two inputs, and so is a folder
  // of such sets; neither counts output_0.pb as an input.
  const auto one = calibration_set(node + "/test_data_set_0", conv, {}, dir);
  ASSERT_EQ(one.samples.size(), 1u);
  const PreparedInputs p = prepare_inputs(conv, one.samples[0], dir);
  EXPECT_EQ(p.files.size(), 2u);
  const auto sets = calibration_set(node, conv, {}, dir);
  EXPECT_GE(sets.samples.size(), 1u);
  EXPECT_EQ(prepare_inputs(conv, sets.samples[0], dir).files.size(), 2u);
}

TEST(CalibrationSet, AFolderOfImagesIsPreprocessedAsStated) {
  const std::string dir = testing::scratch_dir();
  // A pure red and a pure blue 4x6 image (OpenCV writes BGR).
  cv::imwrite(dir + "/a.png", cv::Mat(4, 6, CV_8UC3, cv::Scalar(0, 0, 255)));
  cv::imwrite(dir + "/b.png", cv::Mat(4, 6, CV_8UC3, cv::Scalar(255, 0, 0)));
  const std::vector<InputSpec> rgb{{"x", "float32", {"N", 3, 2, 3}}};
  SampleOptions options;
  options.batch = 2;
  const auto set = calibration_set(dir, rgb, options, dir);
  ASSERT_EQ(set.samples.size(), 1u);
  const Tensor t = read_npy(set.samples[0].files[0]);
  ASSERT_EQ(t.shape, (Shape{2, 3, 2, 3}));
  const float* v = t.as<float>();
  EXPECT_NEAR(v[0], (1 - 0.485f) / 0.229f, 1e-5);        // image a, R
  EXPECT_NEAR(v[6], (0 - 0.456f) / 0.224f, 1e-5);        // image a, G
  EXPECT_NEAR(v[18 + 12], (1 - 0.406f) / 0.225f, 1e-5);  // image b, B
  EXPECT_TRUE(testing::contains(set.description, "images"));

  const std::vector<InputSpec> ids{{"x", "int64", {"N", 3, 2, 3}}};
  EXPECT_TRUE(
      testing::contains(testing::input_error_of([&] { calibration_set(dir, ids, options, dir); }),
                        "images feed a float32 [N,C,H,W] input"));
  write_npy(dir + "/c.jpg", Tensor(DType::kFloat32, {1}));  // not an image
  EXPECT_TRUE(
      testing::contains(testing::input_error_of([&] { calibration_set(dir, rgb, options, dir); }),
                        "c.jpg: cannot decode"));
}

}  // namespace
}  // namespace onnxbench::quant
