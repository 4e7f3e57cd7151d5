#include "eval/classification_metrics.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "core/error.h"

namespace onnxbench::eval {

ConfusionMatrix::ConfusionMatrix(std::int64_t classes)
    : classes_(classes), counts_(static_cast<std::size_t>(classes * classes), 0) {
  if (classes <= 0) throw InputError("a confusion matrix needs at least one class");
}

void ConfusionMatrix::add(std::int64_t truth, std::int64_t predicted, std::int64_t count) {
  if (truth < 0 || truth >= classes_ || predicted < 0 || predicted >= classes_)
    throw InputError("class " + std::to_string(truth < 0 || truth >= classes_ ? truth : predicted) +
                     " is outside the " + std::to_string(classes_) + " classes");
  counts_[static_cast<std::size_t>(truth * classes_ + predicted)] += count;
  total_ += count;
}

std::int64_t ConfusionMatrix::at(std::int64_t truth, std::int64_t predicted) const {
  return counts_[static_cast<std::size_t>(truth * classes_ + predicted)];
}

namespace {

double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

}  // namespace

ClassReport class_report(const ConfusionMatrix& m) {
  ClassReport r;
  std::int64_t correct = 0, support_total = 0;
  for (std::int64_t c = 0; c < m.classes(); ++c) {
    ClassScores s;
    s.label = c;
    for (std::int64_t o = 0; o < m.classes(); ++o) {
      s.support += m.at(c, o);
      s.predicted += m.at(o, c);
    }
    if (s.support == 0 && s.predicted == 0) continue;
    const double tp = static_cast<double>(m.at(c, c));
    correct += m.at(c, c);
    s.precision = ratio(tp, static_cast<double>(s.predicted));
    s.recall = ratio(tp, static_cast<double>(s.support));
    s.f1 = ratio(2 * tp, static_cast<double>(s.predicted + s.support));
    support_total += s.support;
    r.per_class.push_back(s);
  }
  const double n = static_cast<double>(r.per_class.size());
  for (const auto& s : r.per_class) {
    r.macro.precision += s.precision / n;
    r.macro.recall += s.recall / n;
    r.macro.f1 += s.f1 / n;
    const double w = ratio(static_cast<double>(s.support), static_cast<double>(support_total));
    r.weighted.precision += s.precision * w;
    r.weighted.recall += s.recall * w;
    r.weighted.f1 += s.f1 * w;
  }
  r.accuracy = ratio(static_cast<double>(correct), static_cast<double>(m.total()));
  return r;
}

std::vector<std::int64_t> top_k(std::span<const float> scores, std::size_t k) {
  std::vector<std::int64_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  k = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](std::int64_t a, std::int64_t b) {
                      const float sa = scores[static_cast<std::size_t>(a)];
                      const float sb = scores[static_cast<std::size_t>(b)];
                      return sa > sb || (sa == sb && a < b);
                    });
  order.resize(k);
  return order;
}

double top_k_accuracy(std::span<const std::int64_t> labels,
                      std::span<const std::vector<std::int64_t>> rankings, std::size_t k) {
  if (labels.empty()) return 0.0;
  std::size_t hits = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto& r = rankings[i];
    const auto end = r.begin() + static_cast<std::ptrdiff_t>(std::min(k, r.size()));
    hits += std::find(r.begin(), end, labels[i]) != end;
  }
  return static_cast<double>(hits) / static_cast<double>(labels.size());
}

}  // namespace onnxbench::eval
