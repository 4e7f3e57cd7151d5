// COCO box mAP computed as pycocotools' COCOeval (iouType "bbox", default parameters) computes
// it: IoU thresholds .50:.05:.95, 101 recall points, area ranges all / small [0, 32²] / medium
// [32², 96²] / large [96², 1e10] (both ends inclusive, tested on the annotation's "area"), maxDets
// 1/10/100 per image and category, crowd ground truth matched by intersection over the
// detection's area and ignored, detections in stable (mergesort) descending score order.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "eval/coco.h"

namespace onnxbench::eval {

// The 12 summary numbers in COCOeval.summarize()'s order; -1 where undefined (no ground truth).
struct CocoSummary {
  std::array<double, 12> stats{};
  static const std::array<std::string, 12>& names();   // "AP", "AP50", ..., "AR_large"
  static const std::array<std::string, 12>& titles();  // pycocotools' printed lines
};

CocoSummary coco_evaluate(const CocoGroundTruth& gt, const std::vector<CocoDetection>& dt);

// Intersection over union of two boxes; over the detection's area alone for a crowd box.
double box_iou(const Box& detection, const Box& truth, bool crowd);

}  // namespace onnxbench::eval
