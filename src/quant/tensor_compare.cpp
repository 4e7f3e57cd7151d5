#include "quant/tensor_compare.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "core/error.h"
#include "core/half.h"

namespace onnxbench::quant {
namespace {

std::vector<double> as_doubles(const Tensor& t) {
  const auto n = static_cast<std::size_t>(t.element_count());
  std::vector<double> v(n);
  switch (t.dtype) {
    case DType::kFloat32:
      for (std::size_t i = 0; i < n; ++i) v[i] = t.as<float>()[i];
      break;
    case DType::kFloat64:
      for (std::size_t i = 0; i < n; ++i) v[i] = t.as<double>()[i];
      break;
    case DType::kFloat16:
      for (std::size_t i = 0; i < n; ++i) v[i] = half_to_float(t.as<std::uint16_t>()[i]);
      break;
    default:
      throw Error("cannot compare " + std::string(dtype_name(t.dtype)) + " tensors");
  }
  return v;
}

std::vector<std::size_t> top_k(const double* row, std::size_t classes, std::size_t k) {
  std::vector<std::size_t> index(classes);
  std::iota(index.begin(), index.end(), 0);
  k = std::min(k, classes);
  std::partial_sort(index.begin(), index.begin() + static_cast<std::ptrdiff_t>(k), index.end(),
                    [row](std::size_t a, std::size_t b) { return row[a] > row[b]; });
  index.resize(k);
  return index;
}

void check_shapes(const Tensor& a, const Tensor& b) {
  if (a.shape != b.shape)
    throw Error("shapes differ: " + shape_to_string(a.shape) + " vs " + shape_to_string(b.shape));
}

}  // namespace

void TensorAgreement::add(const Tensor& reference, const Tensor& candidate) {
  check_shapes(reference, candidate);
  const auto r = as_doubles(reference), c = as_doubles(candidate);
  for (std::size_t i = 0; i < r.size(); ++i) {
    const double e = r[i] - c[i];
    dot += r[i] * c[i];
    ref_sq += r[i] * r[i];
    cand_sq += c[i] * c[i];
    err_sq += e * e;
    max_abs_error = std::max(max_abs_error, std::abs(e));
  }
  elements += static_cast<std::int64_t>(r.size());
}

void TensorAgreement::add_classes(const Tensor& reference, const Tensor& candidate) {
  check_shapes(reference, candidate);
  const auto r = as_doubles(reference), c = as_doubles(candidate);
  const auto classes = static_cast<std::size_t>(reference.shape.back());
  for (std::size_t row = 0; row + classes <= r.size(); row += classes) {
    const auto top_r = top_k(r.data() + row, classes, 5), top_c = top_k(c.data() + row, classes, 5);
    top1_agree += top_r[0] == top_c[0];
    std::size_t common = 0;
    for (auto k : top_r) common += std::count(top_c.begin(), top_c.end(), k);
    top5_overlap_sum += static_cast<double>(common) / static_cast<double>(top_r.size());
    ++rows;
  }
}

double TensorAgreement::cosine() const {
  if (ref_sq == 0 && cand_sq == 0) return 1;
  if (ref_sq == 0 || cand_sq == 0) return 0;
  return dot / std::sqrt(ref_sq * cand_sq);
}

double TensorAgreement::sqnr_db() const {
  if (err_sq == 0) return std::numeric_limits<double>::infinity();
  return 10 * std::log10(ref_sq / err_sq);
}

double TensorAgreement::mse() const {
  return elements ? err_sq / static_cast<double>(elements) : 0;
}

double TensorAgreement::top1_agreement() const {
  return rows ? static_cast<double>(top1_agree) / static_cast<double>(rows) : 0;
}

double TensorAgreement::top5_overlap() const {
  return rows ? top5_overlap_sum / static_cast<double>(rows) : 0;
}

bool looks_like_class_scores(const Shape& shape) {
  return (shape.size() == 1 || shape.size() == 2) && !shape.empty() && shape.back() >= 2;
}

}  // namespace onnxbench::quant
