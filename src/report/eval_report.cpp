#include "report/eval_report.h"

#include <cstdio>

#include "report/table.h"

namespace onnxbench {
namespace {

std::string pct(double v) { return fixed(100 * v, 2); }

nlohmann::json averaged(const eval::AveragedScores& a) {
  return {{"precision", a.precision}, {"recall", a.recall}, {"f1", a.f1}};
}

nlohmann::json class_json(const eval::ClassReport& r) {
  nlohmann::json per = nlohmann::json::array();
  for (const auto& c : r.per_class)
    per.push_back({{"label", c.label},
                   {"precision", c.precision},
                   {"recall", c.recall},
                   {"f1", c.f1},
                   {"support", c.support}});
  return {{"accuracy", r.accuracy},
          {"macro", averaged(r.macro)},
          {"weighted", averaged(r.weighted)},
          {"per_class", per}};
}

}  // namespace

nlohmann::json to_json(const eval::CocoSummary& s) {
  nlohmann::json j = nlohmann::json::object();
  for (std::size_t i = 0; i < s.stats.size(); ++i) j[eval::CocoSummary::names()[i]] = s.stats[i];
  return j;
}

void print_coco(std::ostream& out, const eval::CocoSummary& s) {
  for (std::size_t i = 0; i < s.stats.size(); ++i) {
    char value[32];
    std::snprintf(value, sizeof value, "%0.3f", s.stats[i]);
    out << " " << eval::CocoSummary::titles()[i] << " = " << value << "\n";
  }
}

nlohmann::json to_json(const eval::Scores& s) {
  nlohmann::json j{{"samples", s.samples}};
  if (s.task == eval::Task::kClassification) {
    j["task"] = "classification";
    j["top1"] = s.top1;
    j["top5"] = s.top5;
    j["classes"] = class_json(s.classes);
  } else if (s.task == eval::Task::kDetection) {
    j["task"] = "detection";
    j["coco"] = to_json(s.coco);
  } else {
    j["task"] = "segmentation";
    j["pixels"] = class_json(s.classes);
  }
  return j;
}

void print_scores(std::ostream& out, const eval::Scores& s) {
  if (s.task == eval::Task::kDetection) {
    out << "COCO box mAP on " << s.samples << " images:\n";
    print_coco(out, s.coco);
    return;
  }
  if (s.task == eval::Task::kClassification)
    out << "top-1 " << pct(s.top1) << " %   top-5 " << pct(s.top5) << " %   (" << s.samples
        << " samples)\n";
  else
    out << "pixel accuracy " << pct(s.classes.accuracy) << " %   (" << s.samples << " images)\n";
  out << (s.task == eval::Task::kSegmentation ? "pixel " : "") << "F1 macro "
      << fixed(s.classes.macro.f1, 4) << "   weighted " << fixed(s.classes.weighted.f1, 4)
      << "   precision macro " << fixed(s.classes.macro.precision, 4) << "   recall macro "
      << fixed(s.classes.macro.recall, 4) << "\n";
  if (s.classes.per_class.size() > 20) return;  // 1000 ImageNet rows help no one on a console
  TextTable t({"class", "precision", "recall", "F1", "support"});
  for (const auto& c : s.classes.per_class)
    t.add_row({std::to_string(c.label), fixed(c.precision, 4), fixed(c.recall, 4), fixed(c.f1, 4),
               std::to_string(c.support)});
  t.print(out);
}

nlohmann::json to_json(const eval::Comparison& c) {
  nlohmann::json metrics = nlohmann::json::array();
  for (const auto& m : c.metrics)
    metrics.push_back({{"metric", m.name},
                       {"a", m.a},
                       {"b", m.b},
                       {"difference", m.difference},
                       {"interval95", {m.interval.low, m.interval.high}}});
  nlohmann::json j{{"samples", c.samples},
                   {"bootstrap", {{"resamples", c.resamples}, {"seed", c.seed}}},
                   {"metrics", metrics}};
  if (c.only_a_right) j["top1_only_a_right"] = *c.only_a_right;
  if (c.only_b_right) j["top1_only_b_right"] = *c.only_b_right;
  return j;
}

void print_comparison(std::ostream& out, const eval::Comparison& c, const std::string& a,
                      const std::string& b) {
  out << "compare on the same " << c.samples << " samples: A = " << a << ", B = " << b
      << " (95 % bootstrap interval of B - A, " << c.resamples << " resamples, seed " << c.seed
      << ")\n";
  TextTable t({"metric", "A", "B", "B - A", "interval"});
  for (const auto& m : c.metrics)
    t.add_row({m.name, fixed(m.a, 4), fixed(m.b, 4), fixed(m.difference, 4),
               "[" + fixed(m.interval.low, 4) + ", " + fixed(m.interval.high, 4) + "]"});
  t.print(out);
  if (c.only_a_right)
    out << "top-1: only A right on " << *c.only_a_right << " samples, only B right on "
        << *c.only_b_right << "\n";
}

}  // namespace onnxbench
