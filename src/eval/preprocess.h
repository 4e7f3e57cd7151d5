// Preprocessing declared as data: how a decoded image becomes one model input. A JSON spec or a
// named preset (torchvision, yolo, plain), printed with every record so a score says how it was
// obtained. The geometry of each sample is kept so that boxes map back to the original image.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "core/dtype.h"
#include "core/tensor.h"

namespace onnxbench::eval {

enum class Resize { kExact, kShortSide, kLongSide, kLetterbox };

struct PreprocessSpec {
  std::string name = "plain";  // the preset, or the spec file
  Resize resize = Resize::kExact;
  std::int64_t resize_size = 0;  // short/long side length; 0 = the input's size
  // resize_size [H, W] (torchvision's Resize((h, w))): the image resized to exactly this before
  // the crop, for non-square inputs such as 288x512; 0 when not given.
  std::int64_t resize_height = 0, resize_width = 0;
  int interpolation = cv::INTER_LINEAR;
  bool center_crop = false;  // after a short/long side resize, to the input's height and width
  float pad_value = 114;     // letterbox
  bool bgr = false;          // channel order of 3-channel inputs
  float scale = 1.0f / 255;  // pixel (0..255) * scale, then (x - mean) / std
  std::array<float, 3> mean{0, 0, 0}, std{1, 1, 1};
  bool nhwc = false;
  DType dtype = DType::kFloat32;

  nlohmann::json to_json() const;
};

// "torchvision", "yolo", "plain", or a path to a JSON spec. Throws InputError naming the field.
PreprocessSpec preprocess_spec(const std::string& preset_or_file);
PreprocessSpec preprocess_from_json(const nlohmann::json& j, const std::string& source);

// Where a point of the original image lands in the model input: x_in = x * sx + ox.
struct Geometry {
  double sx = 1, sy = 1, ox = 0, oy = 0;
  std::int64_t width = 0, height = 0;  // the original image
  double to_input_x(double x) const { return x * sx + ox; }
  double to_input_y(double y) const { return y * sy + oy; }
  double to_image_x(double x) const { return (x - ox) / sx; }
  double to_image_y(double y) const { return (y - oy) / sy; }
};

// The input tensor shape the spec yields for an image of `channels` at height x width.
Shape preprocessed_shape(const PreprocessSpec& s, std::int64_t channels, std::int64_t height,
                         std::int64_t width);

// Writes one preprocessed image (1, 3 channels; 8-bit) into `out`, which holds
// channels * height * width elements of s.dtype. Returns the sample's geometry.
Geometry preprocess_image(const cv::Mat& image, const PreprocessSpec& s, std::int64_t channels,
                          std::int64_t height, std::int64_t width, std::uint8_t* out);

}  // namespace onnxbench::eval
