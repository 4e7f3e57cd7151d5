// Issue 22 item 15: what a new user's eval inputs need: resize_size as [H, W] for non-square
// inputs, COCO images found in images/ beside the JSON, and JSON syntax errors with their line and
// column (core/json_fields: the one JSON reader).
#include <gtest/gtest.h>

#include <filesystem>
#include <opencv2/core.hpp>

#include "core/error.h"
#include "core/file_io.h"
#include "core/json_fields.h"
#include "eval/dataset.h"
#include "eval/preprocess.h"
#include "support/model_test_util.h"
#include "support/test_paths.h"

namespace onnxbench::eval {
namespace {

namespace fs = std::filesystem;

TEST(NewcomerInputs, ResizeSizeTakesHeightAndWidth) {
  const PreprocessSpec s = preprocess_from_json(
      {{"resize", "short"}, {"resize_size", {300, 540}}, {"center_crop", true}}, "spec.json");
  EXPECT_EQ(s.resize_height, 300);
  EXPECT_EQ(s.resize_width, 540);
  EXPECT_EQ(s.to_json()["resize_size"], nlohmann::json::array({300, 540}));
  // A 100x200 image resized to exactly 540x300, then centre-cropped to the 512x288 input.
  const cv::Mat image(100, 200, CV_8UC3, cv::Scalar(1, 2, 3));
  Tensor t(DType::kFloat32, preprocessed_shape(s, 3, 288, 512));
  const Geometry g = preprocess_image(image, s, 3, 288, 512, t.data.data());
  EXPECT_DOUBLE_EQ(g.sx, 540.0 / 200);
  EXPECT_DOUBLE_EQ(g.sy, 300.0 / 100);
  EXPECT_DOUBLE_EQ(g.ox, -14);
  EXPECT_DOUBLE_EQ(g.oy, -6);
  const std::string bad = testing::input_error_of([] {
    preprocess_from_json({{"resize_size", {300, 540, 3}}}, "spec.json");
  });
  EXPECT_NE(bad.find("spec.json"), std::string::npos) << bad;
  EXPECT_NE(bad.find("[height, width]"), std::string::npos) << bad;
}

TEST(NewcomerInputs, CocoImagesAreFoundInImagesBesideTheJson) {
  const std::string dir = testing::scratch_dir();
  write_file(dir + "/instances.json", "{}");
  EXPECT_EQ(coco_images_folder(dir + "/instances.json"), dir);
  fs::create_directories(dir + "/images");
  EXPECT_EQ(coco_images_folder(dir + "/instances.json"), dir + "/images");
}

TEST(NewcomerInputs, JsonSyntaxErrorsNameLineAndColumn) {
  const std::string dir = testing::scratch_dir();
  write_file(dir + "/bad.json", "{\n  \"images\": [],\n  \"annotations\": [,]\n}\n");
  const std::string e = testing::input_error_of([&] { read_json_file(dir + "/bad.json"); });
  EXPECT_EQ(e.rfind(dir + "/bad.json: not valid JSON: line 3, column 19: ", 0), 0u) << e;
  EXPECT_EQ(e.find("json.exception"), std::string::npos) << e;
}

}  // namespace
}  // namespace onnxbench::eval
