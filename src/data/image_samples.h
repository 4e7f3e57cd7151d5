// Images as model inputs, with a stated preprocessing: decoded (PNG, JPEG, BMP, PPM/PGM), resized
// to the input's height and width (bilinear), as RGB (or grey for one channel), scaled to [0, 1],
// then normalised per channel, (x - mean) / std, in NCHW float32.
#pragma once

#include <array>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace onnxbench::quant {

struct ImagePreprocessing {
  // ImageNet's, which torchvision's classifiers expect.
  std::array<float, 3> mean{0.485f, 0.456f, 0.406f};
  std::array<float, 3> std{0.229f, 0.224f, 0.225f};
};

bool is_image_file(const std::string& path);

// Decodes an image file as 1 channel (grey), 3 (BGR, OpenCV's order) or 0 (as stored, e.g. a
// mask of class indices): the one image decoder, for these tensors and for eval's data sets.
// Throws InputError naming the file.
cv::Mat decode_image(const std::string& path, std::int64_t channels);

// A [count, channels, height, width] tensor of the images, in order. Throws InputError naming a
// file that cannot be decoded, or when channels is not 1 or 3.
Tensor image_batch(const std::vector<std::string>& paths, std::int64_t channels,
                   std::int64_t height, std::int64_t width, const ImagePreprocessing& p);

}  // namespace onnxbench::quant
