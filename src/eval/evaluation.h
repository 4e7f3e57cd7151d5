// What an eval run collects per sample, and the scores computed from it: top-1/top-5 and F1 for
// classification, COCO's 12 numbers for detection, pixel F1 for segmentation. Comparing two
// models' predictions on the same samples gives each metric's difference with a seeded
// bootstrap interval.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bootstrap.h"
#include "eval/classification_metrics.h"
#include "eval/coco_eval.h"
#include "eval/dataset.h"

namespace onnxbench::eval {

struct Predictions {
  Task task = Task::kClassification;
  std::int64_t classes = 0;  // the model's classes (label space, after the label offset)
  // classification, per sample
  std::vector<std::int64_t> labels;
  std::vector<std::vector<std::int64_t>> rankings;  // best 5 classes, best first
  // detection, per sample: its image and its detections in image pixels
  std::vector<std::int64_t> image_ids;
  std::vector<std::vector<CocoDetection>> detections;
  // segmentation, per sample: the confusion matrix of its pixels (ignore label left out)
  std::vector<ConfusionMatrix> pixels;
};

struct Scores {
  Task task = Task::kClassification;
  std::size_t samples = 0;
  double top1 = 0, top5 = 0;
  ClassReport classes;  // classification: per sample; segmentation: over all pixels
  CocoSummary coco;
};

// `gt` is the (subset's) ground truth for detection, null otherwise.
Scores score(const Predictions& p, const CocoGroundTruth* gt);

struct MetricDifference {
  std::string name;
  double a = 0, b = 0;
  double difference = 0;  // b - a
  Interval interval{};    // of the difference
};

struct Comparison {
  std::size_t samples = 0;
  int resamples = 0;
  std::uint64_t seed = 0;
  std::vector<MetricDifference> metrics;
  std::optional<std::int64_t> only_a_right, only_b_right;  // top-1
};

Comparison compare(const Predictions& a, const Predictions& b, const CocoGroundTruth* gt,
                   std::uint64_t seed, int resamples);

// All detections in sample order (the COCO results file).
std::vector<CocoDetection> all_detections(const Predictions& p);

}  // namespace onnxbench::eval
