// How far a candidate tensor is from its reference, accumulated over any number of samples:
// cosine similarity, signal-to-quantization-noise ratio, mean squared and largest absolute error;
// and, for classifier outputs, how often the top-1 class agrees and how much the top 5 overlap.
#pragma once

#include <cstdint>
#include <string>

#include "core/tensor.h"

namespace onnxbench::quant {

struct TensorAgreement {
  std::int64_t elements = 0;
  double dot = 0, ref_sq = 0, cand_sq = 0, err_sq = 0;
  double max_abs_error = 0;
  std::int64_t rows = 0, top1_agree = 0;  // classifier rows (see add_classes)
  double top5_overlap_sum = 0;            // over rows, each |top5(ref) ∩ top5(cand)| / 5

  // Adds one sample. Throws Error when the shapes differ or either is not float32/float16/64.
  void add(const Tensor& reference, const Tensor& candidate);
  // Adds the class agreement of a [N, C] (or [C]) score tensor, row by row.
  void add_classes(const Tensor& reference, const Tensor& candidate);

  double cosine() const;   // 1 when both are all zero
  double sqnr_db() const;  // +inf when they are equal
  double mse() const;
  double top1_agreement() const;  // 0 when no rows were added
  double top5_overlap() const;
};

// True for a score tensor a classifier ends with: [C] or [N, C] with at least 2 classes.
bool looks_like_class_scores(const Shape& shape);

}  // namespace onnxbench::quant
