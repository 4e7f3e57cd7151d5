#include "report/latency_report.h"

#include <sstream>

#include "core/csv.h"
#include "core/file_io.h"
#include "report/table.h"

namespace onnxbench {

nlohmann::json agreement_json(const latency::Agreement& a) {
  return {{"count", a.count},
          {"within_5_percent", a.within_5},
          {"within_10_percent", a.within_10},
          {"rmse_us", a.rmse_us},
          {"mape", a.mape},
          {"kendall_tau", a.kendall_tau},
          {"spearman_rho", a.spearman_rho}};
}

void print_agreements(std::ostream& out,
                      const std::vector<std::pair<std::string, latency::Agreement>>& rows) {
  TextTable t(
      {"", "n", "within 5%", "within 10%", "RMSE ms", "MAPE %", "Kendall tau", "Spearman rho"});
  for (const auto& [label, a] : rows)
    t.add_row({label, std::to_string(a.count), fixed(a.within_5 * 100, 1) + "%",
               fixed(a.within_10 * 100, 1) + "%", fixed(a.rmse_us / 1000.0, 3),
               fixed(a.mape * 100, 2), fixed(a.kendall_tau, 3), fixed(a.spearman_rho, 3)});
  t.print(out);
}

void print_prediction(std::ostream& out, const std::string& source, const latency::Prediction& p,
                      const latency::Estimator& e) {
  out << source << ": predicted " << fixed(p.predicted_us / 1000.0, 3)
      << " ms = " << fixed(e.scale, 4) << " x " << fixed(p.sum_us / 1000.0, 3) << " ms (sum of "
      << p.modules.size() << " distinct modules) + " << fixed(e.bias / 1000.0, 3) << " ms\n";
  TextTable t({"module", "count", "each us", "total us", "% of sum"});
  for (const auto& m : p.modules) {
    const double total = m.each_us * m.count;
    t.add_row({m.uid, std::to_string(m.count), fixed(m.each_us, 1), fixed(total, 1),
               fixed(p.sum_us > 0 ? total / p.sum_us * 100 : 0, 1)});
  }
  t.print(out);
}

nlohmann::json prediction_json(const std::string& source, const latency::Prediction& p) {
  nlohmann::json modules = nlohmann::json::array();
  for (const auto& m : p.modules)
    modules.push_back({{"uid", m.uid}, {"count", m.count}, {"each_us", m.each_us}});
  return {{"model", source},
          {"predicted_us", p.predicted_us},
          {"sum_us", p.sum_us},
          {"modules", modules}};
}

void write_points_csv(const std::string& path, const std::vector<LatencyPoint>& points) {
  std::ostringstream out;
  out << "name,sum_us,predicted_us,measured_us,first_us,second_us\n";
  for (const auto& p : points)
    out << csv_field(p.name) << "," << fixed(p.sum_us, 1) << "," << fixed(p.predicted_us, 1) << ","
        << fixed(p.measured_us, 1) << "," << fixed(p.first_us, 1) << "," << fixed(p.second_us, 1)
        << "\n";
  write_file(path, out.str());
}

nlohmann::json points_json(const std::vector<LatencyPoint>& points) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : points)
    out.push_back({{"name", p.name},
                   {"sum_us", p.sum_us},
                   {"predicted_us", p.predicted_us},
                   {"measured_us", p.measured_us},
                   {"first_us", p.first_us},
                   {"second_us", p.second_us}});
  return out;
}

}  // namespace onnxbench
