// Classification metrics, pure functions over labels and predictions: top-k accuracy, and
// precision, recall and F1 per class with their macro and support-weighted means, read from one
// confusion matrix. Segmentation's pixel F1 is the same confusion matrix over every pixel.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace onnxbench::eval {

// counts[truth][predicted] over `classes` classes.
class ConfusionMatrix {
 public:
  explicit ConfusionMatrix(std::int64_t classes);
  void add(std::int64_t truth, std::int64_t predicted, std::int64_t count = 1);
  std::int64_t classes() const { return classes_; }
  std::int64_t at(std::int64_t truth, std::int64_t predicted) const;
  std::int64_t total() const { return total_; }

 private:
  std::int64_t classes_, total_ = 0;
  std::vector<std::int64_t> counts_;
};

struct ClassScores {
  std::int64_t label = 0;
  double precision = 0, recall = 0, f1 = 0;  // 0 where undefined (no predictions, no support)
  std::int64_t support = 0;                  // samples whose truth is this class
  std::int64_t predicted = 0;                // samples predicted as this class
};

struct AveragedScores {
  double precision = 0, recall = 0, f1 = 0;
};

struct ClassReport {
  // Only classes that occur as truth or as prediction, as scikit-learn's unique_labels.
  std::vector<ClassScores> per_class;
  AveragedScores macro, weighted;
  double accuracy = 0;  // trace / total
};

ClassReport class_report(const ConfusionMatrix& m);

// The k best class indices of `scores`, best first; ties go to the lower index.
std::vector<std::int64_t> top_k(std::span<const float> scores, std::size_t k);

// Fraction of samples whose label is among the first k entries of its ranking.
double top_k_accuracy(std::span<const std::int64_t> labels,
                      std::span<const std::vector<std::int64_t>> rankings, std::size_t k);

}  // namespace onnxbench::eval
