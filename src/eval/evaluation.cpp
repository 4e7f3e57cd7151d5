#include "eval/evaluation.h"

#include <map>

#include "core/error.h"

namespace onnxbench::eval {
namespace {

double top1_of(const Predictions& p, std::span<const std::size_t> idx) {
  std::size_t hits = 0;
  for (std::size_t i : idx) hits += !p.rankings[i].empty() && p.rankings[i][0] == p.labels[i];
  return static_cast<double>(hits) / static_cast<double>(idx.size());
}

double macro_f1_of(const Predictions& p, std::span<const std::size_t> idx) {
  ConfusionMatrix m(p.classes);
  for (std::size_t i : idx) m.add(p.labels[i], p.rankings[i][0]);
  return class_report(m).macro.f1;
}

double pixel_f1_of(const Predictions& p, std::span<const std::size_t> idx) {
  ConfusionMatrix m(p.classes);
  for (std::size_t i : idx)
    for (std::int64_t t = 0; t < p.classes; ++t)
      for (std::int64_t q = 0; q < p.classes; ++q)
        if (const auto n = p.pixels[i].at(t, q)) m.add(t, q, n);
  return class_report(m).macro.f1;
}

// COCO stats of the samples `idx` (repeats allowed): each drawn sample becomes its own image.
CocoSummary coco_of(const Predictions& p, const CocoGroundTruth& gt,
                    std::span<const std::size_t> idx) {
  std::map<std::int64_t, std::vector<const CocoAnnotation*>> by_image;
  for (const auto& a : gt.annotations) by_image[a.image_id].push_back(&a);
  CocoGroundTruth g;
  g.categories = gt.categories;
  std::vector<CocoDetection> dt;
  std::int64_t next_annotation = 1;
  for (std::size_t k = 0; k < idx.size(); ++k) {
    const std::int64_t id = static_cast<std::int64_t>(k) + 1;
    g.image_index[id] = g.images.size();
    g.images.push_back({id, "", 0, 0});
    for (const auto* a : by_image[p.image_ids[idx[k]]]) {
      CocoAnnotation copy = *a;
      copy.id = next_annotation++;
      copy.image_id = id;
      g.annotations.push_back(copy);
    }
    for (CocoDetection d : p.detections[idx[k]]) {
      d.image_id = id;
      dt.push_back(d);
    }
  }
  return coco_evaluate(g, dt);
}

std::vector<std::size_t> all(std::size_t n) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

}  // namespace

std::vector<CocoDetection> all_detections(const Predictions& p) {
  std::vector<CocoDetection> out;
  for (const auto& d : p.detections) out.insert(out.end(), d.begin(), d.end());
  return out;
}

Scores score(const Predictions& p, const CocoGroundTruth* gt) {
  Scores s;
  s.task = p.task;
  if (p.task == Task::kClassification) {
    s.samples = p.labels.size();
    s.top1 = top_k_accuracy(p.labels, p.rankings, 1);
    s.top5 = top_k_accuracy(p.labels, p.rankings, 5);
    ConfusionMatrix m(p.classes);
    for (std::size_t i = 0; i < p.labels.size(); ++i) m.add(p.labels[i], p.rankings[i][0]);
    s.classes = class_report(m);
  } else if (p.task == Task::kDetection) {
    s.samples = p.image_ids.size();
    s.coco = coco_evaluate(*gt, all_detections(p));
  } else {
    s.samples = p.pixels.size();
    ConfusionMatrix m(p.classes);
    for (const auto& c : p.pixels)
      for (std::int64_t t = 0; t < p.classes; ++t)
        for (std::int64_t q = 0; q < p.classes; ++q)
          if (const auto n = c.at(t, q)) m.add(t, q, n);
    s.classes = class_report(m);
  }
  return s;
}

Comparison compare(const Predictions& a, const Predictions& b, const CocoGroundTruth* gt,
                   std::uint64_t seed, int resamples) {
  Comparison c;
  c.seed = seed;
  c.resamples = resamples;
  using Metric = std::function<double(const Predictions&, std::span<const std::size_t>)>;
  std::vector<std::pair<std::string, Metric>> metrics;
  if (a.task == Task::kClassification) {
    c.samples = a.labels.size();
    if (b.labels != a.labels) throw Error("compare: the two runs scored different samples");
    metrics = {{"top1", top1_of}, {"macro_f1", macro_f1_of}};
    std::int64_t only_a = 0, only_b = 0;
    for (std::size_t i = 0; i < a.labels.size(); ++i) {
      const bool ra = a.rankings[i][0] == a.labels[i], rb = b.rankings[i][0] == b.labels[i];
      only_a += ra && !rb;
      only_b += rb && !ra;
    }
    c.only_a_right = only_a;
    c.only_b_right = only_b;
  } else if (a.task == Task::kDetection) {
    c.samples = a.image_ids.size();
    // COCO evaluation per resample is costly: AP and AP50 only.
    metrics = {
        {"AP", [gt](const Predictions& p, auto idx) { return coco_of(p, *gt, idx).stats[0]; }},
        {"AP50", [gt](const Predictions& p, auto idx) { return coco_of(p, *gt, idx).stats[1]; }}};
  } else {
    c.samples = a.pixels.size();
    metrics = {{"pixel_macro_f1", pixel_f1_of}};
  }
  const auto everything = all(c.samples);
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    const auto& [name, fn] = metrics[m];
    MetricDifference d;
    d.name = name;
    d.a = fn(a, everything);
    d.b = fn(b, everything);
    d.difference = d.b - d.a;
    // The same seed for every metric: each metric's resamples draw the same samples.
    d.interval = bootstrap_interval(
        c.samples, [&](std::span<const std::size_t> idx) { return fn(b, idx) - fn(a, idx); }, seed,
        resamples);
    c.metrics.push_back(d);
  }
  return c;
}

}  // namespace onnxbench::eval
