// Class-aware non-maximum suppression, as torchvision's batched_nms: boxes of different classes
// never suppress each other; within a class, a box whose IoU with a kept higher-scored box is
// above the threshold is dropped.
#pragma once

#include <cstdint>
#include <vector>

namespace onnxbench::eval {

// A detection in model-input pixels, corners [x1, y1, x2, y2].
struct Detection {
  float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  float score = 0;
  std::int64_t label = 0;
};

float corner_iou(const Detection& a, const Detection& b);

// The kept detections, best first (ties keep their input order), at most max_detections.
std::vector<Detection> batched_nms(std::vector<Detection> detections, float iou_threshold,
                                   std::size_t max_detections);

}  // namespace onnxbench::eval
