#include "eval/postprocess.h"

#include <algorithm>

#include "core/error.h"

namespace onnxbench::eval {

// Sample k of a batched output, as its own tensor [1, ...].
Tensor slice(const Tensor& t, std::size_t k, std::size_t count, const std::string& name) {
  if (t.shape.empty() || t.shape[0] != static_cast<std::int64_t>(count))
    throw InputError("output '" + name + "' " + shape_to_string(t.shape) +
                     " does not start with the batch dimension " + std::to_string(count));
  Shape s = t.shape;
  s[0] = 1;
  Tensor out(t.dtype, s);
  const std::size_t bytes = t.byte_size() / count;
  std::copy(t.data.begin() + static_cast<std::ptrdiff_t>(k * bytes),
            t.data.begin() + static_cast<std::ptrdiff_t>((k + 1) * bytes), out.data.begin());
  return out;
}

void require_float(const Tensor& t, const std::string& name) {
  if (t.dtype != DType::kFloat32)
    throw InputError("output '" + name + "' is " + std::string(dtype_name(t.dtype)) +
                     ", the post-processing reads float32");
}

void classify(Predictions& p, const Dataset& d, std::size_t i, const std::string& name,
              const Tensor& t, const EvalOptions& o) {
  std::int64_t classes = 1;
  for (std::size_t a = 1; a < t.shape.size(); ++a) classes *= t.shape[a];
  if (t.shape.size() < 2 || classes != t.shape[1])
    throw InputError("output '" + name + "' " + shape_to_string(t.shape) +
                     " is not a classifier's [batch, classes] scores");
  if (p.classes == 0) {
    p.classes = classes - o.label_offset;
    if (p.classes <= 0 || d.label_max >= p.classes)
      throw InputError("--data " + d.path + ": labels go up to " + std::to_string(d.label_max) +
                       ", outside the model's " +
                       std::to_string(std::max<std::int64_t>(p.classes, 0)) + " classes (output '" +
                       name + "' " + shape_to_string(t.shape) + ", label offset " +
                       std::to_string(o.label_offset) + ")");
  }
  const std::span<const float> scores(t.as<float>() + o.label_offset,
                                      static_cast<std::size_t>(p.classes));
  p.labels.push_back(d.samples[i].label);
  p.rankings.push_back(top_k(scores, 5));
}

void detect(Predictions& p, const Dataset& d, std::size_t i, const std::string& name,
            const Tensor& t, const Geometry& g, const InputPlan& in, const EvalOptions& o) {
  const auto found = yolo_detections({{name, t}}, o.yolo, in.height);
  std::vector<std::int64_t> categories;
  for (const auto& [id, n] : d.coco->categories) categories.push_back(id);
  std::vector<CocoDetection> out;
  for (const auto& det : found) {
    if (det.label >= static_cast<std::int64_t>(categories.size()))
      throw InputError("output '" + name + "': class " + std::to_string(det.label) +
                       " has no COCO category (the ground truth lists " +
                       std::to_string(categories.size()) + ")");
    const double W = static_cast<double>(g.width), H = static_cast<double>(g.height);
    const double x1 = std::clamp(g.to_image_x(det.x1), 0.0, W);
    const double y1 = std::clamp(g.to_image_y(det.y1), 0.0, H);
    const double x2 = std::clamp(g.to_image_x(det.x2), 0.0, W);
    const double y2 = std::clamp(g.to_image_y(det.y2), 0.0, H);
    out.push_back({d.samples[i].image_id,
                   categories[static_cast<std::size_t>(det.label)],
                   {x1, y1, x2 - x1, y2 - y1},
                   det.score});
  }
  p.image_ids.push_back(d.samples[i].image_id);
  p.detections.push_back(std::move(out));
}

void segment(Predictions& p, const Dataset& d, std::size_t i, const std::string& name,
             const Tensor& t, const Geometry& g, const InputPlan& in, const EvalOptions& o) {
  if (t.shape.size() != 4)
    throw InputError("output '" + name + "' " + shape_to_string(t.shape) +
                     " is not a segmentation's [batch, classes, height, width] scores");
  const int C = static_cast<int>(t.shape[1]), H = static_cast<int>(t.shape[2]),
            W = static_cast<int>(t.shape[3]);
  if (p.classes == 0) p.classes = C;
  cv::Mat arg(H, W, CV_8UC1);
  const float* s = t.as<float>();
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      int best = 0;
      for (int c = 1; c < C; ++c)
        if (s[(c * H + y) * W + x] > s[(best * H + y) * W + x]) best = c;
      arg.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>(best);
    }
  const cv::Mat mask = load_mask(d, i);
  if (mask.cols != g.width || mask.rows != g.height)
    throw InputError(d.samples[i].mask + ": the mask is " + std::to_string(mask.cols) + "x" +
                     std::to_string(mask.rows) + ", its image " + std::to_string(g.width) + "x" +
                     std::to_string(g.height));
  ConfusionMatrix m(C);
  for (int y = 0; y < mask.rows; ++y)
    for (int x = 0; x < mask.cols; ++x) {
      const int truth = mask.at<std::uint8_t>(y, x);
      if (truth == o.ignore_label) continue;
      if (truth >= C)
        throw InputError(d.samples[i].mask + ": class " + std::to_string(truth) +
                         " outside the model's " + std::to_string(C) + " classes");
      // The input pixel this image pixel landed on.
      const int ix = std::clamp(static_cast<int>(g.to_input_x(x + 0.5) * W / in.width), 0, W - 1);
      const int iy = std::clamp(static_cast<int>(g.to_input_y(y + 0.5) * H / in.height), 0, H - 1);
      m.add(truth, arg.at<std::uint8_t>(iy, ix));
    }
  p.pixels.push_back(std::move(m));
}

}  // namespace onnxbench::eval
