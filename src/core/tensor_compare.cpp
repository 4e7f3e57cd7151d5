#include "core/tensor_compare.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <vector>

#include "core/error.h"
#include "core/tensor_values.h"

namespace onnxbench {
namespace {

std::vector<double> as_doubles(const Tensor& t) {
  std::vector<double> v(static_cast<std::size_t>(t.element_count()));
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = element_value(t, static_cast<std::int64_t>(i));
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

double difference(double a, double b) { return a == b ? 0.0 : std::abs(a - b); }

std::string number(double v) {
  std::ostringstream out;
  out.precision(3);
  out << v;
  return out.str();
}

}  // namespace

void TensorAgreement::add(const Tensor& reference, const Tensor& candidate) {
  check_shapes(reference, candidate);
  const std::int64_t n = reference.element_count();
  for (std::int64_t i = 0; i < n; ++i) {
    const double r = element_value(reference, i), c = element_value(candidate, i);
    if (std::isnan(r) || std::isnan(c)) {
      nan_mismatches += std::isnan(r) != std::isnan(c);
      continue;
    }
    const double e = difference(r, c);
    max_abs_error = std::max(max_abs_error, e);
    if (r != 0) max_relative_error = std::max(max_relative_error, e / std::abs(r));
    if (!std::isfinite(r) || !std::isfinite(c)) continue;
    dot += r * c;
    ref_sq += r * r;
    cand_sq += c * c;
    err_sq += e * e;
  }
  elements += n;
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
  if (nan_mismatches) return std::numeric_limits<double>::quiet_NaN();
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

OutputVerdict compare_tensors(const std::string& name, const Tensor& actual, const Tensor& expected,
                              const Tolerance& tol) {
  OutputVerdict v{name, false, ""};
  if (actual.dtype != expected.dtype) {
    v.detail = "dtype " + std::string(dtype_name(actual.dtype)) + ", expected " +
               std::string(dtype_name(expected.dtype));
    return v;
  }
  if (actual.shape != expected.shape) {
    v.detail =
        "shape " + shape_to_string(actual.shape) + ", expected " + shape_to_string(expected.shape);
    return v;
  }
  TensorAgreement agreement;
  agreement.add(expected, actual);
  // The elements outside the tolerance, and the worst of them for the message.
  const bool is_float = is_float_dtype(expected.dtype);
  const std::int64_t n = expected.element_count();
  std::int64_t worst = -1, outside = 0;
  double worst_error = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    const double a = element_value(actual, i), e = element_value(expected, i);
    const bool nan_mismatch = std::isnan(a) != std::isnan(e);
    if (!nan_mismatch && std::isnan(a)) continue;
    const double err = nan_mismatch ? std::numeric_limits<double>::infinity() : difference(a, e);
    const double limit = is_float ? tol.atol + tol.rtol * std::abs(e) : 0.0;
    if (err <= limit) continue;
    ++outside;
    if (worst < 0 || err > worst_error) worst = i, worst_error = err;
  }
  const double cosine = agreement.cosine();
  const bool cosine_ok = !is_float || cosine >= tol.min_cosine;
  v.pass = outside == 0 && cosine_ok;
  v.detail = "max abs error " + number(agreement.max_abs_error) + ", max relative " +
             number(agreement.max_relative_error) + ", cosine " + number(cosine);
  if (outside)
    v.detail += "; " + std::to_string(outside) + " of " + std::to_string(n) +
                " elements outside the tolerance (element " + std::to_string(worst) + ": " +
                number(element_value(actual, worst)) + ", expected " +
                number(element_value(expected, worst)) + ")";
  if (!cosine_ok) v.detail += "; cosine below " + number(tol.min_cosine);
  return v;
}

}  // namespace onnxbench
