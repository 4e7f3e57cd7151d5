#include "engines/qualcomm/qaic_latency.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "core/csv.h"
#include "core/error.h"

namespace onnxbench::qualcomm {
namespace {

constexpr int kHeaderLines = 4;

bool is_bookkeeping_column(const std::string& name) {
  return name == "Sample" || name == "queueDepth" || name == "numInfInQueue";
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

double parse_value(const std::string& field, const std::string& where) {
  try {
    std::size_t used = 0;
    const double v = std::stod(field, &used);
    if (used == field.size()) return v;
  } catch (const std::exception&) {
  }
  throw InputError(where + ": expected a number, found '" + field + "'");
}

std::string six_decimals(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6f", v);
  return buffer;
}

}  // namespace

std::vector<LatencyMetric> parse_qaic_latency_file(const std::string& text,
                                                   const std::string& file_name) {
  std::istringstream in(text);
  std::string line;
  int line_number = 0;
  for (; line_number < kHeaderLines && std::getline(in, line); ++line_number) {
  }
  if (!std::getline(in, line))
    throw InputError(file_name + ": expected a CSV header after " + std::to_string(kHeaderLines) +
                     " header lines");
  ++line_number;
  const auto header = csv_split(line);
  if (!header) throw InputError(file_name + ": line " + std::to_string(line_number) + ": bad CSV");
  std::vector<LatencyMetric> metrics;
  std::vector<int> column_metric;  // column -> index into metrics, -1 for bookkeeping
  for (const auto& raw : *header) {
    const std::string name = trim(raw);
    if (is_bookkeeping_column(name)) {
      column_metric.push_back(-1);
      continue;
    }
    if (name.size() < 3 || !name.ends_with("Us"))
      throw InputError(file_name + ": column '" + name +
                       "': expected a latency in µs named <metric>Us");
    column_metric.push_back(static_cast<int>(metrics.size()));
    metrics.push_back({name.substr(0, name.size() - 2), {}});
  }
  if (metrics.empty()) throw InputError(file_name + ": no latency columns (<metric>Us)");
  while (std::getline(in, line)) {
    ++line_number;
    if (trim(line).empty()) continue;
    const std::string where = file_name + ": line " + std::to_string(line_number);
    const auto fields = csv_split(line);
    if (!fields || fields->size() != column_metric.size())
      throw InputError(where + ": expected " + std::to_string(column_metric.size()) + " fields");
    for (std::size_t c = 0; c < fields->size(); ++c)
      if (column_metric[c] >= 0)
        metrics[static_cast<std::size_t>(column_metric[c])].samples_us.push_back(
            parse_value(trim((*fields)[c]), where));
  }
  return metrics;
}

void append_latency_metrics(std::vector<LatencyMetric>& into,
                            const std::vector<LatencyMetric>& more, const std::string& file_name) {
  if (into.empty()) {
    into = more;
    return;
  }
  bool same = into.size() == more.size();
  for (std::size_t i = 0; same && i < into.size(); ++i) same = into[i].name == more[i].name;
  if (!same) throw InputError(file_name + ": its latency columns differ from the first file's");
  for (std::size_t i = 0; i < into.size(); ++i)
    into[i].samples_us.insert(into[i].samples_us.end(), more[i].samples_us.begin(),
                              more[i].samples_us.end());
}

std::string format_latency_table(const std::vector<std::pair<std::string, LatencyStats>>& rows) {
  const std::vector<std::string> headers{"mean", "min", "50%", "75%", "90%", "95%", "99%", "max"};
  std::vector<std::vector<std::string>> cells;
  std::size_t name_width = 0;
  for (const auto& [name, s] : rows) {
    name_width = std::max(name_width, name.size());
    cells.push_back({});
    for (double us : {s.mean, s.min, s.p50, s.p75, s.p90, s.p95, s.p99, s.max})
      cells.back().push_back(six_decimals(us / 1000.0));
  }
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < headers.size(); ++c) {
    std::size_t w = headers[c].size();
    for (const auto& row : cells) w = std::max(w, row[c].size());
    widths.push_back(w);
  }
  auto pad_left = [](const std::string& s, std::size_t w) {
    return std::string(w > s.size() ? w - s.size() : 0, ' ') + s;
  };
  std::string out = std::string(name_width, ' ');
  for (std::size_t c = 0; c < headers.size(); ++c) out += "  " + pad_left(headers[c], widths[c]);
  out += "\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out += rows[r].first + std::string(name_width - rows[r].first.size(), ' ');
    for (std::size_t c = 0; c < headers.size(); ++c) out += "  " + pad_left(cells[r][c], widths[c]);
    out += "\n";
  }
  return out;
}

}  // namespace onnxbench::qualcomm
