// Decoders for the common YOLO ONNX exports, into candidate boxes in model-input pixels:
//   v5   [1, N, 5 + C]: cx, cy, w, h, objectness, C class scores; score = objectness x class
//   v8   [1, 4 + C, N]: cx, cy, w, h, C class scores (no objectness)
//   grid [1, 5 + C, H, W] per scale (Luxonis' yolov6 exports): l, t, r, b distances from the
//        cell centre in cells, a confidence gate, C class scores; stride = input height / H.
// Each candidate keeps its best class; those at or below the confidence threshold are dropped.
#pragma once

#include <string>
#include <vector>

#include "core/tensor.h"
#include "eval/nms.h"

namespace onnxbench::eval {

enum class YoloLayout { kV5, kV8, kGrid };

// "v5", "v8", "grid"; throws InputError for anything else.
YoloLayout yolo_layout(const std::string& name);
std::string yolo_layout_name(YoloLayout layout);

struct YoloOptions {
  YoloLayout layout = YoloLayout::kV8;
  float confidence = 0.001f;  // ultralytics' val defaults
  float iou = 0.6f;
  std::size_t max_detections = 300;
};

// Throws InputError naming the output and its shape when the layout cannot read it.
std::vector<Detection> yolo_candidates(const std::vector<std::pair<std::string, Tensor>>& outputs,
                                       const YoloOptions& options, std::int64_t input_height);

// Candidates through class-aware NMS.
std::vector<Detection> yolo_detections(const std::vector<std::pair<std::string, Tensor>>& outputs,
                                       const YoloOptions& options, std::int64_t input_height);

}  // namespace onnxbench::eval
