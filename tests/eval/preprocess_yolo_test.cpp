#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "core/error.h"
#include "eval/preprocess.h"
#include "eval/yolo_decode.h"

namespace onnxbench::eval {
namespace {

TEST(Preprocess, LetterboxPadsAndMapsBoxesBackExactly) {
  const cv::Mat image(60, 100, CV_8UC3, cv::Scalar(10, 20, 30));  // BGR
  const PreprocessSpec s = preprocess_spec("yolo");
  Tensor t(DType::kFloat32, preprocessed_shape(s, 3, 64, 64));
  const Geometry g = preprocess_image(image, s, 3, 64, 64, t.data.data());
  // Scale 0.64: 100x60 -> 64x38, padded 13 above and 13 below.
  EXPECT_DOUBLE_EQ(g.oy, 13);
  EXPECT_DOUBLE_EQ(g.ox, 0);
  const float* p = t.as<float>();
  EXPECT_FLOAT_EQ(p[0], 114 * (1.0f / 255));            // padding, red plane
  EXPECT_FLOAT_EQ(p[32 * 64 + 32], 30 * (1.0f / 255));  // the image, red plane (RGB order)
  EXPECT_FLOAT_EQ(p[2 * 64 * 64 + 32 * 64 + 32], 10 * (1.0f / 255));  // blue plane
  for (double v : {0.0, 17.25, 59.0, 100.0}) {
    EXPECT_NEAR(g.to_image_x(g.to_input_x(v)), v, 1e-12);
    EXPECT_NEAR(g.to_image_y(g.to_input_y(v)), v, 1e-12);
  }
}

TEST(Preprocess, SpecFieldsAreChecked) {
  EXPECT_THROW(preprocess_from_json({{"resize", "squash"}}, "spec.json"), InputError);
  EXPECT_THROW(preprocess_from_json({{"std", {1, 0, 1}}}, "spec.json"), InputError);
  const PreprocessSpec s =
      preprocess_from_json({{"layout", "nhwc"}, {"color", "bgr"}}, "spec.json");
  EXPECT_TRUE(s.nhwc);
  EXPECT_TRUE(s.bgr);
  EXPECT_EQ(preprocessed_shape(s, 3, 8, 9), (Shape{1, 8, 9, 3}));
}

Tensor tensor(Shape shape, std::vector<float> values) {
  Tensor t(DType::kFloat32, std::move(shape));
  std::copy(values.begin(), values.end(), t.as<float>());
  return t;
}

TEST(YoloDecode, V8RowsThroughClassAwareNms) {
  // [1, 4 + 2 classes, 3 candidates], one column per candidate.
  const Tensor t = tensor({1, 6, 3}, {10, 10, 50,  //
                                      10, 10, 50,  //
                                      4, 4, 4,     //
                                      4, 4, 4,     //
                                      0.9f, 0.8f, 0.0001f, 0.1f, 0.05f, 0.0002f});
  const auto d = yolo_detections({{"out", t}}, {YoloLayout::kV8, 0.001f, 0.5f, 10}, 64);
  ASSERT_EQ(d.size(), 1u);  // the second overlaps the first fully; the third is below 0.001
  EXPECT_EQ(d[0].label, 0);
  EXPECT_FLOAT_EQ(d[0].score, 0.9f);
  EXPECT_FLOAT_EQ(d[0].x1, 8);
  EXPECT_FLOAT_EQ(d[0].y2, 12);
}

TEST(YoloDecode, V5MultipliesObjectnessAndClass) {
  const Tensor t = tensor({1, 1, 7}, {10, 10, 4, 4, 0.5f, 0.2f, 0.8f});
  const auto d = yolo_candidates({{"out", t}}, {YoloLayout::kV5, 0.001f, 0.5f, 10}, 64);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].label, 1);
  EXPECT_FLOAT_EQ(d[0].score, 0.4f);
}

TEST(YoloDecode, UnreadableShapeNamesTheOutput) {
  const Tensor t = tensor({1, 3}, {0, 0, 0});
  try {
    yolo_candidates({{"logits", t}}, {YoloLayout::kV8, 0.001f, 0.5f, 10}, 64);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("output 'logits' [1,3]"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace onnxbench::eval
