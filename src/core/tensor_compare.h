// How far a tensor is from its reference, in one place for `run --expect`, `transform --verify`
// and quantize's comparisons: accumulated figures (cosine, SQNR, mean squared, largest absolute
// and relative error; top-1 and top-5 agreement of class scores) and a pass/fail verdict against
// a tolerance with absolute, relative and cosine criteria.
#pragma once

#include <cstdint>
#include <string>

#include "core/tensor.h"

namespace onnxbench {

struct TensorAgreement {
  std::int64_t elements = 0;
  double dot = 0, ref_sq = 0, cand_sq = 0, err_sq = 0;  // over elements finite in both
  double max_abs_error = 0, max_relative_error = 0;     // equal infinities differ by 0
  std::int64_t nan_mismatches = 0;                      // NaN in one where the other has a number
  std::int64_t rows = 0, top1_agree = 0;                // classifier rows (see add_classes)
  double top5_overlap_sum = 0;  // over rows, each |top5(ref) ∩ top5(cand)| / 5

  // Adds one sample of any element type. Throws Error when the shapes differ.
  void add(const Tensor& reference, const Tensor& candidate);
  // Adds the class agreement of a [N, C] (or [C]) score tensor, row by row.
  void add_classes(const Tensor& reference, const Tensor& candidate);

  double cosine() const;   // 1 when both are all zero
  double sqnr_db() const;  // +inf when they are equal; NaN after a NaN mismatch
  double mse() const;
  double top1_agreement() const;  // 0 when no rows were added
  double top5_overlap() const;
};

// True for a score tensor a classifier ends with: [C] or [N, C] with at least 2 classes.
bool looks_like_class_scores(const Shape& shape);

// Floats pass when every element is within atol + rtol * |expected| (NaN matches NaN, as numpy's
// allclose with equal_nan) and the cosine similarity of the whole tensor reaches min_cosine.
// Integers and bools must be equal. The defaults are those of ONNX's backend test runner.
struct Tolerance {
  double rtol = 1e-3;
  double atol = 1e-7;
  double min_cosine = 0.999;
};

struct OutputVerdict {
  std::string name;
  bool pass = false;
  std::string detail;  // "max abs error 2e-08, max relative 1e-07, cosine 1" or why it failed
};

// Compares two tensors. The expected one's dtype and shape must be matched exactly.
OutputVerdict compare_tensors(const std::string& name, const Tensor& actual, const Tensor& expected,
                              const Tolerance& tolerance);

}  // namespace onnxbench
