#include "eval/coco_eval.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>

namespace onnxbench::eval {
namespace {

constexpr int kIous = 10, kRecalls = 101;
constexpr std::array<int, 3> kMaxDets{1, 10, 100};
constexpr std::array<std::array<double, 2>, 4> kAreas{
    {{0, 1e10}, {0, 32.0 * 32}, {32.0 * 32, 96.0 * 96}, {96.0 * 96, 1e10}}};

// numpy.linspace(start, stop, num): start + i * ((stop - start) / (num - 1)), the last exactly
// stop.
std::vector<double> linspace(double start, double stop, int num) {
  std::vector<double> v(static_cast<std::size_t>(num));
  const double step = (stop - start) / (num - 1);
  for (int i = 0; i < num; ++i) v[static_cast<std::size_t>(i)] = i * step + start;
  v.back() = stop;
  return v;
}

const std::vector<double> kIouThrs = linspace(0.5, 0.95, kIous);
const std::vector<double> kRecThrs = linspace(0.0, 1.0, kRecalls);

// COCOeval.evaluateImg's result for one image, category and area range.
struct ImageEval {
  std::vector<double> scores;                      // detections, best first, at most 100
  std::vector<std::vector<std::int64_t>> matched;  // [iou][det]: matched gt id, 0 for none
  std::vector<std::vector<bool>> ignored;          // [iou][det]
  std::vector<bool> gt_ignored;
};

// Indices of `dets` in stable descending score order (mergesort on -score).
std::vector<std::size_t> by_score(const std::vector<const CocoDetection*>& dets) {
  std::vector<std::size_t> order(dets.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return -dets[a]->score < -dets[b]->score; });
  return order;
}

std::optional<ImageEval> evaluate_image(const std::vector<const CocoAnnotation*>& gts_in,
                                        const std::vector<const CocoDetection*>& dts_in,
                                        const std::array<double, 2>& range) {
  if (gts_in.empty() && dts_in.empty()) return std::nullopt;
  // Ground truth: crowd or out-of-range boxes are ignored, the others first (stable).
  std::vector<const CocoAnnotation*> gts = gts_in;
  auto outside = [&](double area) { return area < range[0] || area > range[1]; };
  std::stable_sort(gts.begin(), gts.end(), [&](const auto* a, const auto* b) {
    return !(a->iscrowd || outside(a->area)) && (b->iscrowd || outside(b->area));
  });
  std::vector<const CocoDetection*> dts;
  for (std::size_t i : by_score(dts_in)) dts.push_back(dts_in[i]);
  if (dts.size() > static_cast<std::size_t>(kMaxDets.back())) dts.resize(kMaxDets.back());

  ImageEval e;
  for (const auto* g : gts) e.gt_ignored.push_back(g->iscrowd || outside(g->area));
  for (const auto* d : dts) e.scores.push_back(d->score);
  const std::size_t G = gts.size(), D = dts.size();
  e.matched.assign(kIous, std::vector<std::int64_t>(D, 0));
  e.ignored.assign(kIous, std::vector<bool>(D, false));
  std::vector<std::vector<double>> ious(D, std::vector<double>(G));
  for (std::size_t d = 0; d < D; ++d)
    for (std::size_t g = 0; g < G; ++g)
      ious[d][g] = box_iou(dts[d]->box, gts[g]->box, gts[g]->iscrowd);

  for (int t = 0; t < kIous; ++t) {
    std::vector<std::int64_t> gt_match(G, 0);  // matched detection index + 1
    for (std::size_t d = 0; d < D; ++d) {
      double best = std::min(kIouThrs[static_cast<std::size_t>(t)], 1 - 1e-10);
      std::ptrdiff_t m = -1;
      for (std::size_t g = 0; g < G; ++g) {
        if (gt_match[g] > 0 && !gts[g]->iscrowd) continue;  // taken, and not a crowd
        // A real match found and only ignored ground truth remains (they sort last).
        if (m > -1 && !e.gt_ignored[static_cast<std::size_t>(m)] && e.gt_ignored[g]) break;
        if (ious[d][g] < best) continue;
        best = ious[d][g];
        m = static_cast<std::ptrdiff_t>(g);
      }
      if (m == -1) continue;
      const auto gm = static_cast<std::size_t>(m);
      e.ignored[t][d] = e.gt_ignored[gm];
      e.matched[t][d] = gts[gm]->id;
      gt_match[gm] = static_cast<std::int64_t>(d) + 1;
    }
    // Unmatched detections outside the area range are ignored.
    for (std::size_t d = 0; d < D; ++d) {
      const double area = dts[d]->box.w * dts[d]->box.h;
      if (e.matched[t][d] == 0 && outside(area)) e.ignored[t][d] = true;
    }
  }
  return e;
}

// COCOeval.accumulate for one category, area range and maxDets: precision at the 101 recall
// points per IoU threshold, and the final recall; nullopt where pycocotools leaves -1.
struct Accumulated {
  std::vector<std::vector<double>> precision;  // [iou][recall point]
  std::vector<double> recall;                  // [iou]
};

std::optional<Accumulated> accumulate(const std::vector<std::optional<ImageEval>>& evals,
                                      std::size_t max_det) {
  std::vector<const ImageEval*> E;
  for (const auto& e : evals)
    if (e) E.push_back(&*e);
  if (E.empty()) return std::nullopt;
  struct Ref {
    const ImageEval* e;
    std::size_t d;
  };
  std::vector<Ref> refs;
  std::vector<double> scores;
  std::size_t npig = 0;
  for (const auto* e : E) {
    for (std::size_t d = 0; d < std::min(max_det, e->scores.size()); ++d) {
      refs.push_back({e, d});
      scores.push_back(e->scores[d]);
    }
    npig += static_cast<std::size_t>(std::count(e->gt_ignored.begin(), e->gt_ignored.end(), false));
  }
  if (npig == 0) return std::nullopt;
  std::vector<std::size_t> order(refs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return -scores[a] < -scores[b]; });

  Accumulated out;
  out.precision.assign(kIous, std::vector<double>(kRecalls, 0.0));
  out.recall.assign(kIous, 0.0);
  const double eps = 2.220446049250313e-16;  // numpy.spacing(1)
  for (int t = 0; t < kIous; ++t) {
    std::vector<double> rc, pr;
    double tp = 0, fp = 0;
    for (std::size_t i : order) {
      const Ref& r = refs[i];
      if (r.e->ignored[t][r.d]) {
        // Ignored detections add neither a true nor a false positive, but keep their place.
      } else if (r.e->matched[t][r.d] != 0) {
        tp += 1;
      } else {
        fp += 1;
      }
      rc.push_back(tp / static_cast<double>(npig));
      pr.push_back(tp / (fp + tp + eps));
    }
    const std::size_t nd = rc.size();
    out.recall[t] = nd ? rc.back() : 0.0;
    for (std::size_t i = nd; i-- > 1;)
      if (pr[i] > pr[i - 1]) pr[i - 1] = pr[i];
    for (int ri = 0; ri < kRecalls; ++ri) {
      const auto pi = static_cast<std::size_t>(
          std::lower_bound(rc.begin(), rc.end(), kRecThrs[static_cast<std::size_t>(ri)]) -
          rc.begin());
      if (pi >= nd) break;  // the remaining recall points stay 0
      out.precision[t][static_cast<std::size_t>(ri)] = pr[pi];
    }
  }
  return out;
}

// The mean of the defined (> -1) values, or -1 when there are none.
struct Mean {
  double sum = 0;
  std::size_t n = 0;
  void add(double v) {
    if (v > -1) sum += v, ++n;
  }
  double value() const { return n ? sum / static_cast<double>(n) : -1.0; }
};

}  // namespace

double box_iou(const Box& d, const Box& g, bool crowd) {
  const double w = std::min(d.x + d.w, g.x + g.w) - std::max(d.x, g.x);
  if (w <= 0) return 0;
  const double h = std::min(d.y + d.h, g.y + g.h) - std::max(d.y, g.y);
  if (h <= 0) return 0;
  const double inter = w * h;
  const double uni = crowd ? d.w * d.h : d.w * d.h + g.w * g.h - inter;
  return inter / uni;
}

CocoSummary coco_evaluate(const CocoGroundTruth& gt, const std::vector<CocoDetection>& dt) {
  std::vector<std::int64_t> image_ids;
  for (const auto& im : gt.images) image_ids.push_back(im.id);
  std::sort(image_ids.begin(), image_ids.end());
  using Key = std::pair<std::int64_t, std::int64_t>;  // (image, category)
  std::map<Key, std::vector<const CocoAnnotation*>> gts;
  std::map<Key, std::vector<const CocoDetection*>> dts;
  for (const auto& a : gt.annotations) gts[{a.image_id, a.category_id}].push_back(&a);
  for (const auto& d : dt) dts[{d.image_id, d.category_id}].push_back(&d);
  const std::vector<const CocoAnnotation*> no_gt;
  const std::vector<const CocoDetection*> no_dt;

  // Means over categories (and IoU thresholds, recall points) of precision and recall, per
  // summary line: [area][maxDet] for all thresholds, and at IoU .50 / .75.
  Mean ap[4][3], ap50[4][3], ap75[4][3], ar[4][3];
  const std::size_t t50 =
      static_cast<std::size_t>(std::find(kIouThrs.begin(), kIouThrs.end(), 0.5) - kIouThrs.begin());
  const std::size_t t75 = static_cast<std::size_t>(
      std::find(kIouThrs.begin(), kIouThrs.end(), 0.75) - kIouThrs.begin());
  for (const auto& [category, name] : gt.categories) {
    for (std::size_t a = 0; a < kAreas.size(); ++a) {
      std::vector<std::optional<ImageEval>> evals;
      evals.reserve(image_ids.size());
      for (std::int64_t image : image_ids) {
        const auto g = gts.find({image, category});
        const auto d = dts.find({image, category});
        evals.push_back(evaluate_image(g == gts.end() ? no_gt : g->second,
                                       d == dts.end() ? no_dt : d->second, kAreas[a]));
      }
      for (std::size_t m = 0; m < kMaxDets.size(); ++m) {
        const auto acc = accumulate(evals, static_cast<std::size_t>(kMaxDets[m]));
        for (std::size_t t = 0; t < kIous; ++t) {
          for (int r = 0; r < kRecalls; ++r) {
            const double p = acc ? acc->precision[t][static_cast<std::size_t>(r)] : -1.0;
            ap[a][m].add(p);
            if (t == t50) ap50[a][m].add(p);
            if (t == t75) ap75[a][m].add(p);
          }
          ar[a][m].add(acc ? acc->recall[t] : -1.0);
        }
      }
    }
  }
  CocoSummary s;
  s.stats = {ap[0][2].value(), ap50[0][2].value(), ap75[0][2].value(), ap[1][2].value(),
             ap[2][2].value(), ap[3][2].value(),   ar[0][0].value(),   ar[0][1].value(),
             ar[0][2].value(), ar[1][2].value(),   ar[2][2].value(),   ar[3][2].value()};
  return s;
}

const std::array<std::string, 12>& CocoSummary::names() {
  static const std::array<std::string, 12> n{"AP",        "AP50",     "AP75",      "AP_small",
                                             "AP_medium", "AP_large", "AR1",       "AR10",
                                             "AR100",     "AR_small", "AR_medium", "AR_large"};
  return n;
}

const std::array<std::string, 12>& CocoSummary::titles() {
  static const std::array<std::string, 12> t{
      "Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]",
      "Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ]",
      "Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ]",
      "Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ]",
      "Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ]",
      "Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ]",
      "Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ]"};
  return t;
}

}  // namespace onnxbench::eval
