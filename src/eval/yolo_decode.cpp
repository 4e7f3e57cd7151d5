#include "eval/yolo_decode.h"

#include "core/error.h"

namespace onnxbench::eval {
namespace {

[[noreturn]] void unreadable(const std::string& name, const Tensor& t,
                             const std::string& expected) {
  throw InputError("output '" + name + "' " + shape_to_string(t.shape) + " (" +
                   std::string(dtype_name(t.dtype)) + ") is not a YOLO " + expected + " output");
}

// One candidate from its box centre and size, the objectness and strided class scores.
void add_candidate(std::vector<Detection>& out, float cx, float cy, float w, float h, float gate,
                   const float* classes, std::int64_t count, std::int64_t stride, float threshold) {
  std::int64_t best = 0;
  float best_score = classes[0];
  for (std::int64_t c = 1; c < count; ++c)
    if (classes[c * stride] > best_score) best_score = classes[c * stride], best = c;
  const float score = gate * best_score;
  if (score <= threshold) return;
  out.push_back({cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, score, best});
}

}  // namespace

YoloLayout yolo_layout(const std::string& name) {
  if (name == "v5") return YoloLayout::kV5;
  if (name == "v8") return YoloLayout::kV8;
  if (name == "grid") return YoloLayout::kGrid;
  throw InputError("--yolo " + name + ": expected v5, v8 or grid");
}

std::string yolo_layout_name(YoloLayout layout) {
  return layout == YoloLayout::kV5 ? "v5" : layout == YoloLayout::kV8 ? "v8" : "grid";
}

std::vector<Detection> yolo_candidates(const std::vector<std::pair<std::string, Tensor>>& outputs,
                                       const YoloOptions& o, std::int64_t input_height) {
  std::vector<Detection> out;
  for (const auto& [name, t] : outputs) {
    const float* p = t.as<float>();
    const Shape& s = t.shape;
    if (t.dtype != DType::kFloat32) unreadable(name, t, yolo_layout_name(o.layout) + " float32");
    if (o.layout == YoloLayout::kV5) {
      if (s.size() != 3 || s[0] != 1 || s[2] < 6) unreadable(name, t, "v5 [1, N, 5 + classes]");
      for (std::int64_t i = 0; i < s[1]; ++i) {
        const float* r = p + i * s[2];
        if (r[4] <= o.confidence) continue;
        add_candidate(out, r[0], r[1], r[2], r[3], r[4], r + 5, s[2] - 5, 1, o.confidence);
      }
    } else if (o.layout == YoloLayout::kV8) {
      if (s.size() != 3 || s[0] != 1 || s[1] < 5) unreadable(name, t, "v8 [1, 4 + classes, N]");
      const std::int64_t n = s[2];
      for (std::int64_t i = 0; i < n; ++i)
        add_candidate(out, p[i], p[n + i], p[2 * n + i], p[3 * n + i], 1.0f, p + 4 * n + i,
                      s[1] - 4, n, o.confidence);
    } else {
      if (s.size() != 4 || s[0] != 1 || s[1] < 6 || s[2] < 1)
        unreadable(name, t, "grid [1, 5 + classes, H, W]");
      const std::int64_t H = s[2], W = s[3], plane = H * W;
      const float stride = static_cast<float>(input_height) / static_cast<float>(H);
      for (std::int64_t y = 0; y < H; ++y)
        for (std::int64_t x = 0; x < W; ++x) {
          const float* c = p + y * W + x;
          if (c[4 * plane] <= o.confidence) continue;
          const float gx = static_cast<float>(x) + 0.5f, gy = static_cast<float>(y) + 0.5f;
          const float x1 = (gx - c[0]) * stride, y1 = (gy - c[plane]) * stride;
          const float x2 = (gx + c[2 * plane]) * stride, y2 = (gy + c[3 * plane]) * stride;
          add_candidate(out, (x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1, 1.0f, c + 5 * plane,
                        s[1] - 5, plane, o.confidence);
        }
    }
  }
  return out;
}

std::vector<Detection> yolo_detections(const std::vector<std::pair<std::string, Tensor>>& outputs,
                                       const YoloOptions& o, std::int64_t input_height) {
  return batched_nms(yolo_candidates(outputs, o, input_height), o.iou, o.max_detections);
}

}  // namespace onnxbench::eval
