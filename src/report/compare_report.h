// A model comparison (quant/compare_models.h) on the console, as CSV (seed 002 keeps these as
// results/similarities CSVs) and as JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "quant/compare_models.h"

namespace onnxbench {

// Below this many samples, compare's figures (top-1 agreement above all) rest on too little.
constexpr std::size_t kEnoughCompareSamples = 32;
// "" from kEnoughCompareSamples on; else a line saying how little the figures rest on.
std::string few_compare_samples_note(std::size_t samples);

// The final outputs first (with top-1 agreement and top-5 overlap for class scores), then the
// `worst` tensors with the lowest SQNR; 0 shows every tensor.
void print_comparison(std::ostream& out, const quant::ModelComparison& comparison,
                      std::size_t worst);
// tensor,candidate_tensor,op_type,is_output,elements,cosine,sqnr_db,mse,max_abs_error,
// top1_agreement,top5_overlap, worst first; top-k columns empty for tensors that are not scores.
void write_comparison_csv(const std::string& path, const quant::ModelComparison& comparison);
// The record `report` draws: kind "compare", each tensor with its position along the reference
// graph (inputs, then node outputs in node order; -1 when not found) so it can be plotted in order.
nlohmann::json comparison_json(const quant::ModelComparison& comparison,
                               const onnx::GraphProto& reference);

}  // namespace onnxbench
