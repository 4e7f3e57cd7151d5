// A running histogram of one tensor's values over many calibration batches: the exact minimum and
// maximum, and counts in equal bins over [-range, range] that widen as larger values arrive.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace onnxbench::quant {

class Histogram {
 public:
  // `bins` is even and at least 2. The range starts at the first batch's largest |x|.
  explicit Histogram(int bins = 2048);

  // Adds values; NaNs are skipped (they have no place in a range), infinities clamp to the ends.
  void add(const float* values, std::int64_t count);

  std::int64_t count() const { return count_; }
  double min() const { return min_; }  // 0 when empty
  double max() const { return max_; }  // 0 when empty
  // The histogram covers [-range, range]; bin i is [-range + i*w, -range + (i+1)*w), w = 2r/bins.
  double range() const { return range_; }
  double bin_width() const { return 2 * range_ / static_cast<double>(counts_.size()); }
  const std::vector<double>& counts() const { return counts_; }

  // The same histogram folded onto |x|: bins/2 bins over [0, range].
  std::vector<double> magnitude_counts() const;

 private:
  // Doubles the range until it covers `magnitude`, merging pairs of bins into the middle half:
  // every old bin falls into exactly one new bin, so no count moves between values.
  void widen_to(double magnitude);

  std::vector<double> counts_;
  double range_ = 0, min_ = 0, max_ = 0;
  std::int64_t count_ = 0;
};

// Histograms by tensor name.
using TensorHistograms = std::map<std::string, Histogram>;

}  // namespace onnxbench::quant
