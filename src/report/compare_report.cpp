#include "report/compare_report.h"

#include <cmath>
#include <map>
#include <sstream>

#include "core/csv.h"
#include "core/file_io.h"
#include "report/table.h"

namespace onnxbench {
namespace {

using quant::TensorComparison;

std::string sqnr_text(double db) { return std::isinf(db) ? "inf" : fixed(db, 1); }

bool has_classes(const TensorComparison& t) { return t.agreement.rows > 0; }

std::vector<std::string> row(const TensorComparison& t) {
  const auto& a = t.agreement;
  return {t.name,
          t.op_type,
          sqnr_text(a.sqnr_db()),
          fixed(a.cosine(), 6),
          fixed(a.mse(), 8),
          fixed(a.max_abs_error, 6)};
}

std::map<std::string, int> graph_positions(const onnx::GraphProto& g) {
  std::map<std::string, int> at;
  int next = 0;
  for (const auto& i : g.input()) at.emplace(i.name(), next++);
  for (const auto& n : g.node())
    for (const auto& o : n.output()) at.emplace(o, next++);
  return at;
}

}  // namespace

std::string few_compare_samples_note(std::size_t samples) {
  if (samples >= kEnoughCompareSamples) return "";
  const std::string n = std::to_string(samples) + (samples == 1 ? " sample" : " samples");
  return "only " + n + ": one sample moves top-1 agreement by " + fixed(100.0 / samples, 1) +
         " points and SQNR rests on few values; give --inputs at least " +
         std::to_string(kEnoughCompareSamples) +
         " samples (random:" + std::to_string(kEnoughCompareSamples) + " or real data)";
}

void print_comparison(std::ostream& out, const quant::ModelComparison& c, std::size_t worst) {
  if (const std::string few = few_compare_samples_note(c.samples); !few.empty())
    out << "FEW SAMPLES  " << few << "\n";
  out << "compared " << c.tensors.size() << " tensors over " << c.samples << " sample(s)";
  if (c.unmatched)
    out << "; " << c.unmatched
        << " reference tensors have no counterpart in the candidate (folded "
           "or renamed there)";
  out << "\n\noutputs:\n";
  TextTable outputs(
      {"tensor", "op", "SQNR dB", "cosine", "MSE", "max abs err", "top-1 agree", "top-5 overlap"});
  for (const auto& t : c.tensors) {
    if (!t.is_output) continue;
    auto r = row(t);
    r.push_back(has_classes(t) ? fixed(100 * t.agreement.top1_agreement(), 1) + " %" : "-");
    r.push_back(has_classes(t) ? fixed(100 * t.agreement.top5_overlap(), 1) + " %" : "-");
    outputs.add_row(r);
  }
  outputs.print(out);
  const std::size_t shown = worst == 0 ? c.tensors.size() : std::min(worst, c.tensors.size());
  out << "\nworst tensors (lowest SQNR first; " << shown << " of " << c.tensors.size() << "):\n";
  TextTable tensors({"tensor", "op", "SQNR dB", "cosine", "MSE", "max abs err"});
  for (std::size_t i = 0; i < shown; ++i) tensors.add_row(row(c.tensors[i]));
  tensors.print(out);
}

void write_comparison_csv(const std::string& path, const quant::ModelComparison& c) {
  std::ostringstream out;
  out.precision(9);
  out << "tensor,candidate_tensor,op_type,is_output,elements,cosine,sqnr_db,mse,max_abs_error,"
         "top1_agreement,top5_overlap\n";
  for (const auto& t : c.tensors) {
    const auto& a = t.agreement;
    out << csv_field(t.name) << "," << csv_field(t.candidate_name) << "," << csv_field(t.op_type)
        << "," << (t.is_output ? 1 : 0) << "," << a.elements << "," << a.cosine() << ","
        << (std::isinf(a.sqnr_db()) ? std::string("inf") : std::to_string(a.sqnr_db())) << ","
        << a.mse() << "," << a.max_abs_error << ",";
    if (has_classes(t))
      out << a.top1_agreement() << "," << a.top5_overlap();
    else
      out << ",";
    out << "\n";
  }
  write_file(path, out.str());
}

nlohmann::json comparison_json(const quant::ModelComparison& c, const onnx::GraphProto& reference) {
  const auto positions = graph_positions(reference);
  nlohmann::json tensors = nlohmann::json::array();
  for (const auto& t : c.tensors) {
    const auto& a = t.agreement;
    const auto at = positions.find(t.name);
    nlohmann::json j = {{"tensor", t.name},       {"candidate_tensor", t.candidate_name},
                        {"op_type", t.op_type},   {"is_output", t.is_output},
                        {"elements", a.elements}, {"cosine", a.cosine()},
                        {"mse", a.mse()},         {"max_abs_error", a.max_abs_error}};
    // JSON has no infinity: identical tensors carry null.
    j["sqnr_db"] = std::isinf(a.sqnr_db()) ? nlohmann::json(nullptr) : nlohmann::json(a.sqnr_db());
    if (has_classes(t)) {
      j["top1_agreement"] = a.top1_agreement();
      j["top5_overlap"] = a.top5_overlap();
    }
    j["graph_index"] = at == positions.end() ? -1 : at->second;
    tensors.push_back(j);
  }
  return {{"kind", "compare"},
          {"samples", c.samples},
          {"unmatched", c.unmatched},
          {"tensors", tensors}};
}

}  // namespace onnxbench
