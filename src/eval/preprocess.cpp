#include "eval/preprocess.h"

#include <cmath>
#include <fstream>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/json_fields.h"

namespace onnxbench::eval {
namespace {

const std::vector<std::string> kResizes{"exact", "short", "long", "letterbox"};
const std::vector<std::string> kInterpolations{"nearest", "linear", "cubic", "area"};
const int kCvInterpolations[] = {cv::INTER_NEAREST, cv::INTER_LINEAR, cv::INTER_CUBIC,
                                 cv::INTER_AREA};

std::size_t index_of(const std::vector<std::string>& v, const std::string& s) {
  return static_cast<std::size_t>(std::find(v.begin(), v.end(), s) - v.begin());
}

std::array<float, 3> triple(const JsonFields& f, const std::string& field,
                            std::array<float, 3> fallback) {
  if (!f.has(field)) return fallback;
  const auto& v = f.value(field);
  if (v.is_number()) return {v.get<float>(), v.get<float>(), v.get<float>()};
  if (!v.is_array() || v.size() != 3)
    f.fail(field, "expected a number or three numbers (per channel), got " + v.dump());
  std::array<float, 3> out{};
  for (std::size_t i = 0; i < 3; ++i) {
    if (!v[i].is_number()) f.fail(field, "expected numbers, got " + v.dump());
    out[i] = v[i].get<float>();
  }
  return out;
}

template <typename T>
void store(std::uint8_t* out, std::size_t i, float v) {
  if constexpr (std::is_same_v<T, std::uint8_t>)
    reinterpret_cast<T*>(out)[i] = static_cast<T>(std::clamp(std::lround(v), 0L, 255L));
  else
    reinterpret_cast<T*>(out)[i] = static_cast<T>(v);
}

}  // namespace

nlohmann::json PreprocessSpec::to_json() const {
  const std::size_t interp = static_cast<std::size_t>(
      std::find(std::begin(kCvInterpolations), std::end(kCvInterpolations), interpolation) -
      std::begin(kCvInterpolations));
  nlohmann::json j{{"name", name},
                   {"resize", kResizes[static_cast<std::size_t>(resize)]},
                   {"interpolation", kInterpolations[interp]},
                   {"color", bgr ? "bgr" : "rgb"},
                   {"scale", scale},
                   {"mean", mean},
                   {"std", std},
                   {"layout", nhwc ? "nhwc" : "nchw"},
                   {"dtype", std::string(dtype_name(dtype))}};
  if (resize_size) j["resize_size"] = resize_size;
  if (resize_height) j["resize_size"] = {resize_height, resize_width};
  if (resize == Resize::kShortSide || resize == Resize::kLongSide) j["center_crop"] = center_crop;
  if (resize == Resize::kLetterbox) j["pad_value"] = pad_value;
  return j;
}

PreprocessSpec preprocess_from_json(const nlohmann::json& j, const std::string& source) {
  const JsonFields f(j, source);
  f.reject_unknown({"name", "resize", "resize_size", "interpolation", "center_crop", "pad_value",
                    "color", "scale", "mean", "std", "layout", "dtype"});
  PreprocessSpec s;
  s.name = source;
  if (f.has("resize"))
    s.resize = static_cast<Resize>(index_of(kResizes, f.text("resize", kResizes)));
  if (f.has("resize_size") && f.value("resize_size").is_array()) {
    const nlohmann::json& hw = f.value("resize_size");
    const auto side = [&](std::size_t i) {
      if (hw.size() != 2 || !integer_problem(hw[i], 1, 1 << 16).empty())
        f.fail("resize_size", "expected a side length or [height, width] of whole numbers in 1.." +
                                  std::to_string(1 << 16) + ", got " + hw.dump());
      return hw[i].get<std::int64_t>();
    };
    s.resize_height = side(0);
    s.resize_width = side(1);
  } else {
    s.resize_size = f.integer("resize_size", 0, 1 << 16, 0);
  }
  if (f.has("interpolation"))
    s.interpolation =
        kCvInterpolations[index_of(kInterpolations, f.text("interpolation", kInterpolations))];
  if (f.has("center_crop")) {
    if (!f.value("center_crop").is_boolean()) f.fail("center_crop", "expected true or false");
    s.center_crop = f.value("center_crop").get<bool>();
  }
  s.pad_value = static_cast<float>(f.number("pad_value", 0, 255, 114));
  if (f.has("color")) s.bgr = f.text("color", {"rgb", "bgr"}) == "bgr";
  s.scale = static_cast<float>(f.number("scale", -1e9, 1e9, 1.0 / 255));
  s.mean = triple(f, "mean", s.mean);
  s.std = triple(f, "std", s.std);
  for (float v : s.std)
    if (v == 0) f.fail("std", "must not be 0");
  if (f.has("layout")) s.nhwc = f.text("layout", {"nchw", "nhwc"}) == "nhwc";
  if (f.has("dtype"))
    s.dtype = f.text("dtype", {"float32", "uint8"}) == "uint8" ? DType::kUInt8 : DType::kFloat32;
  return s;
}

PreprocessSpec preprocess_spec(const std::string& preset_or_file) {
  PreprocessSpec s;
  s.name = preset_or_file;
  if (preset_or_file == "plain") return s;
  if (preset_or_file == "torchvision") {
    s.resize = Resize::kShortSide;
    s.resize_size = 256;
    s.center_crop = true;
    s.mean = {0.485f, 0.456f, 0.406f};
    s.std = {0.229f, 0.224f, 0.225f};
    return s;
  }
  if (preset_or_file == "yolo") {
    s.resize = Resize::kLetterbox;
    s.pad_value = 114;
    return s;
  }
  std::ifstream in(preset_or_file);
  if (!in)
    throw InputError("--preprocess " + preset_or_file +
                     ": neither a preset (torchvision, yolo, plain) nor a readable JSON file");
  return preprocess_from_json(read_json_file(preset_or_file), preset_or_file);
}

Shape preprocessed_shape(const PreprocessSpec& s, std::int64_t channels, std::int64_t height,
                         std::int64_t width) {
  return s.nhwc ? Shape{1, height, width, channels} : Shape{1, channels, height, width};
}

Geometry preprocess_image(const cv::Mat& image, const PreprocessSpec& s, std::int64_t channels,
                          std::int64_t height, std::int64_t width, std::uint8_t* out) {
  if (channels != 1 && channels != 3)
    throw InputError("images feed inputs of 1 or 3 channels; this one has " +
                     std::to_string(channels));
  cv::Mat src = image;
  if (channels == 1 && src.channels() == 3) cv::cvtColor(src, src, cv::COLOR_BGR2GRAY);
  if (channels == 3 && src.channels() == 1) cv::cvtColor(src, src, cv::COLOR_GRAY2BGR);
  if (channels == 3 && !s.bgr) cv::cvtColor(src, src, cv::COLOR_BGR2RGB);
  Geometry g;
  g.width = src.cols;
  g.height = src.rows;
  const int H = static_cast<int>(height), W = static_cast<int>(width);
  cv::Mat resized;
  if (s.resize == Resize::kExact) {
    cv::resize(src, resized, cv::Size(W, H), 0, 0, s.interpolation);
    g.sx = static_cast<double>(W) / src.cols;
    g.sy = static_cast<double>(H) / src.rows;
  } else if (s.resize == Resize::kLetterbox) {
    // As ultralytics' letterbox: the scale that fits, the padding split around the image.
    const double r = std::min(static_cast<double>(H) / src.rows, static_cast<double>(W) / src.cols);
    const int nw = static_cast<int>(std::lround(src.cols * r));
    const int nh = static_cast<int>(std::lround(src.rows * r));
    const double dw = (W - nw) / 2.0, dh = (H - nh) / 2.0;
    const int left = static_cast<int>(std::lround(dw - 0.1)),
              top = static_cast<int>(std::lround(dh - 0.1));
    cv::Mat inner;
    cv::resize(src, inner, cv::Size(nw, nh), 0, 0, s.interpolation);
    resized = cv::Mat(H, W, src.type(), cv::Scalar::all(s.pad_value));
    inner.copyTo(resized(cv::Rect(left, top, nw, nh)));
    g.sx = static_cast<double>(nw) / src.cols;
    g.sy = static_cast<double>(nh) / src.rows;
    g.ox = left;
    g.oy = top;
  } else {
    const double side =
        s.resize_size
            ? static_cast<double>(s.resize_size)
            : static_cast<double>(s.resize == Resize::kShortSide ? std::min(H, W) : std::max(H, W));
    const double r = side / (s.resize == Resize::kShortSide ? std::min(src.rows, src.cols)
                                                            : std::max(src.rows, src.cols));
    const int nw = s.resize_width ? static_cast<int>(s.resize_width)
                                  : std::max(1, static_cast<int>(std::lround(src.cols * r)));
    const int nh = s.resize_height ? static_cast<int>(s.resize_height)
                                   : std::max(1, static_cast<int>(std::lround(src.rows * r)));
    cv::Mat scaled;
    cv::resize(src, scaled, cv::Size(nw, nh), 0, 0, s.interpolation);
    g.sx = static_cast<double>(nw) / src.cols;
    g.sy = static_cast<double>(nh) / src.rows;
    if (!s.center_crop && (nw != W || nh != H))
      throw InputError("preprocessing " + s.name + ": a " + std::to_string(src.cols) + "x" +
                       std::to_string(src.rows) + " image resizes to " + std::to_string(nw) + "x" +
                       std::to_string(nh) + ", not the input's " + std::to_string(W) + "x" +
                       std::to_string(H) + "; add \"center_crop\": true");
    if (nw < W || nh < H)
      throw InputError("preprocessing " + s.name + ": the resized image (" + std::to_string(nw) +
                       "x" + std::to_string(nh) + ") is smaller than the input's crop (" +
                       std::to_string(W) + "x" + std::to_string(H) + ")");
    // torchvision's center_crop: the offset rounded from the halved excess.
    const int left = static_cast<int>(std::lround((nw - W) / 2.0));
    const int top = static_cast<int>(std::lround((nh - H) / 2.0));
    resized = scaled(cv::Rect(left, top, W, H)).clone();
    g.ox = -left;
    g.oy = -top;
  }
  const std::size_t plane = static_cast<std::size_t>(H) * static_cast<std::size_t>(W);
  const int C = static_cast<int>(channels);
  for (int y = 0; y < H; ++y) {
    const std::uint8_t* row = resized.ptr<std::uint8_t>(y);
    for (int x = 0; x < W; ++x)
      for (int c = 0; c < C; ++c) {
        const float v = (row[x * C + c] * s.scale - s.mean[static_cast<std::size_t>(c)]) /
                        s.std[static_cast<std::size_t>(c)];
        const std::size_t pixel =
            static_cast<std::size_t>(y) * static_cast<std::size_t>(W) + static_cast<std::size_t>(x);
        const std::size_t i =
            s.nhwc ? pixel * static_cast<std::size_t>(C) + static_cast<std::size_t>(c)
                   : static_cast<std::size_t>(c) * plane + pixel;
        if (s.dtype == DType::kUInt8)
          store<std::uint8_t>(out, i, v);
        else
          store<float>(out, i, v);
      }
  }
  return g;
}

}  // namespace onnxbench::eval
