#include "eval/nms.h"

#include <algorithm>

namespace onnxbench::eval {

float corner_iou(const Detection& a, const Detection& b) {
  const float w = std::max(0.0f, std::min(a.x2, b.x2) - std::max(a.x1, b.x1));
  const float h = std::max(0.0f, std::min(a.y2, b.y2) - std::max(a.y1, b.y1));
  const float inter = w * h;
  const float uni = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return uni > 0 ? inter / uni : 0.0f;
}

std::vector<Detection> batched_nms(std::vector<Detection> detections, float iou_threshold,
                                   std::size_t max_detections) {
  std::stable_sort(detections.begin(), detections.end(),
                   [](const Detection& a, const Detection& b) { return a.score > b.score; });
  std::vector<Detection> kept;
  for (const auto& d : detections) {
    if (kept.size() >= max_detections) break;
    bool suppressed = false;
    for (const auto& k : kept)
      if (k.label == d.label && corner_iou(k, d) > iou_threshold) {
        suppressed = true;
        break;
      }
    if (!suppressed) kept.push_back(d);
  }
  return kept;
}

}  // namespace onnxbench::eval
