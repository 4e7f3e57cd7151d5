// Accuracy records for the console and as JSON: COCO's 12 summary lines, classification and
// segmentation scores, and float-against-int8 comparisons. Renders, never computes.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "eval/coco_eval.h"
#include "eval/evaluation.h"

namespace onnxbench {

nlohmann::json to_json(const eval::CocoSummary& s);
// pycocotools' summarize() lines.
void print_coco(std::ostream& out, const eval::CocoSummary& s);

nlohmann::json to_json(const eval::Scores& s);
void print_scores(std::ostream& out, const eval::Scores& s);

nlohmann::json to_json(const eval::Comparison& c);
void print_comparison(std::ostream& out, const eval::Comparison& c, const std::string& a,
                      const std::string& b);

}  // namespace onnxbench
