#include "engines/qualcomm/snpe_diagview_csv.h"

#include <map>
#include <sstream>

#include "core/csv.h"
#include "core/error.h"
#include "engines/qualcomm/duration_unit.h"

namespace onnxbench::qualcomm {
namespace {

int column_of(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

std::string field(const std::vector<std::string>& row, int column) {
  return column >= 0 && static_cast<std::size_t>(column) < row.size() ? row[column] : "";
}

}  // namespace

SnpeDiag parse_snpe_diagview_csv(const std::string& text, const std::string& file_name) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line)) throw InputError(file_name + ": empty, expected a CSV header");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const auto header = csv_split(line);
  if (!header) throw InputError(file_name + ": line 1: bad CSV header");
  const int name_col = column_of(*header, "Message_Name");
  const int value_col = column_of(*header, "Message_Value");
  const int unit_col = column_of(*header, "Message_Unit");
  const int layer_col = column_of(*header, "Layer_Name");
  const int runtime_col = column_of(*header, "Runtime");
  if (name_col < 0 || value_col < 0)
    throw InputError(file_name + ": expected the columns Message_Name and Message_Value");

  SnpeDiag diag;
  std::map<std::string, std::size_t> layer_index;
  for (int number = 2; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::string where = file_name + ": line " + std::to_string(number);
    const auto row = csv_split(line);
    if (!row || row->size() < header->size()) throw InputError(where + ": bad CSV row");
    const std::string unit = field(*row, unit_col);
    const auto scale = unit.empty() ? std::optional<double>(1.0) : microseconds_per(unit);
    if (!scale) continue;  // counts and cycles are not times
    double value = 0;
    try {
      value = std::stod(field(*row, value_col)) * *scale;
    } catch (const std::exception&) {
      throw InputError(where + ": Message_Value '" + field(*row, value_col) + "' is not a number");
    }
    const std::string name = field(*row, name_col);
    const std::string layer = field(*row, layer_col);
    if (!layer.empty()) {
      auto [it, added] = layer_index.emplace(layer, diag.layers.size());
      if (added) diag.layers.push_back({layer, field(*row, runtime_col), {}});
      diag.layers[it->second].samples_us.push_back(value);
    } else if (name == "Total Inference Time") {
      diag.total_inference_us.push_back(value);
    } else if (name == "Forward Propagate") {
      diag.forward_propagate_us.push_back(value);
    }
  }
  if (diag.total_inference_us.empty())
    throw InputError(file_name + ": no \"Total Inference Time\" row: the log holds no execution");
  return diag;
}

}  // namespace onnxbench::qualcomm
