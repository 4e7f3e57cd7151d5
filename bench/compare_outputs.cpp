// Compares two float32 .npy outputs of the same model (one engine against another): prints
// "MAX_ABS_DIFF (RELATIVE) COSINE TOP1" on one line: the largest absolute difference, that
// difference relative to A's largest magnitude, the cosine similarity, and TOP1 "yes" when both
// arrays have their largest element at the same place (the same class for [1,classes] logits).
// usage: compare_outputs A.npy B.npy
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>

#include "core/npy.h"

namespace {

std::int64_t argmax(const float* v, std::int64_t n) {
  std::int64_t best = 0;
  for (std::int64_t i = 1; i < n; ++i)
    if (v[i] > v[best]) best = i;
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: compare_outputs A.npy B.npy\n");
    return 2;
  }
  try {
    const onnxbench::Tensor a = onnxbench::read_npy(argv[1]), b = onnxbench::read_npy(argv[2]);
    if (a.dtype != onnxbench::DType::kFloat32 || b.dtype != onnxbench::DType::kFloat32 ||
        a.shape != b.shape) {
      std::fprintf(stderr, "compare_outputs: %s and %s are not float32 arrays of one shape\n",
                   argv[1], argv[2]);
      return 1;
    }
    const float* x = a.as<float>();
    const float* y = b.as<float>();
    const std::int64_t n = a.element_count();
    double max_abs = 0, max_a = 0, dot = 0, xx = 0, yy = 0;
    for (std::int64_t i = 0; i < n; ++i) {
      max_a = std::max(max_a, std::fabs(static_cast<double>(x[i])));
      max_abs = std::max(max_abs, std::fabs(static_cast<double>(x[i]) - y[i]));
      dot += static_cast<double>(x[i]) * y[i];
      xx += static_cast<double>(x[i]) * x[i];
      yy += static_cast<double>(y[i]) * y[i];
    }
    // Two all-zero arrays are the same direction; one all-zero array has none.
    const double cosine = xx == 0 && yy == 0   ? 1
                          : xx == 0 || yy == 0 ? 0
                                               : dot / std::sqrt(xx * yy);
    std::printf("%.3g (%.2g) %.6f %s\n", max_abs, max_a == 0 ? 0 : max_abs / max_a, cosine,
                argmax(x, n) == argmax(y, n) ? "yes" : "no");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compare_outputs: %s\n", e.what());
    return 1;
  }
  return 0;
}
