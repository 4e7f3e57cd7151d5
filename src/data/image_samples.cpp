#include "data/image_samples.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"

namespace onnxbench::quant {

bool is_image_file(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".ppm" ||
         ext == ".pgm";
}

cv::Mat decode_image(const std::string& path, std::int64_t channels) {
  const int mode = channels == 0   ? cv::IMREAD_UNCHANGED
                   : channels == 1 ? cv::IMREAD_GRAYSCALE
                                   : cv::IMREAD_COLOR;
  cv::Mat m = cv::imread(path, mode);
  if (m.empty())
    throw InputError(path + ": cannot decode the image (missing, or not PNG, JPEG, BMP, PPM/PGM)");
  return m;
}

Tensor image_batch(const std::vector<std::string>& paths, std::int64_t channels,
                   std::int64_t height, std::int64_t width, const ImagePreprocessing& p) {
  if (channels != 1 && channels != 3)
    throw InputError("images feed inputs of 1 or 3 channels; this one has " +
                     std::to_string(channels));
  Tensor batch(DType::kFloat32, {static_cast<std::int64_t>(paths.size()), channels, height, width});
  const std::int64_t plane = height * width;
  float* out = batch.as<float>();
  for (const auto& path : paths) {
    const cv::Mat decoded = decode_image(path, channels);
    cv::Mat resized, rgb;
    cv::resize(decoded, resized, cv::Size(static_cast<int>(width), static_cast<int>(height)), 0, 0,
               cv::INTER_LINEAR);
    if (channels == 3)
      cv::cvtColor(resized, rgb, cv::COLOR_BGR2RGB);
    else
      rgb = resized;
    for (int y = 0; y < rgb.rows; ++y) {
      const std::uint8_t* row = rgb.ptr<std::uint8_t>(y);
      for (int x = 0; x < rgb.cols; ++x)
        for (std::int64_t c = 0; c < channels; ++c) {
          const float v = static_cast<float>(row[x * channels + c]) / 255.0f;
          out[c * plane + y * width + x] =
              (v - p.mean[static_cast<std::size_t>(c)]) / p.std[static_cast<std::size_t>(c)];
        }
    }
    out += channels * plane;
  }
  return batch;
}

}  // namespace onnxbench::quant
