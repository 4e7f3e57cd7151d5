#include "engines/qualcomm/snpe_dlc_info.h"

#include <cmath>
#include <regex>
#include <sstream>

#include "core/error.h"

namespace onnxbench::qualcomm {
namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

std::vector<std::string> table_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = line.find('|') + 1; i < line.size(); ++i) {
    if (line[i] == '|') {
      cells.push_back(trim(cell));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return cells;
}

std::uint64_t with_suffix(const std::string& number, const std::string& suffix) {
  double value = std::stod(number);
  if (suffix == "K" || suffix == "k") value *= 1e3;
  if (suffix == "M") value *= 1e6;
  if (suffix == "G") value *= 1e9;
  return static_cast<std::uint64_t>(std::llround(value));
}

void read_cells(const std::vector<std::string>& cells, DlcLayer& layer) {
  static const std::regex data_type(R"(data type:\s*([A-Za-z0-9_]+))");
  static const std::regex encoding(
      R"((?:encoding(?: for ([^:]+))?:\s*)?bitwidth\s+([0-9]+),\s*min\s+(\S+?),\s*max\s+(\S+?),\s*scale\s+(\S+?),\s*offset\s+(-?[0-9]+))");
  for (const auto& cell : cells) {
    for (std::sregex_iterator it(cell.begin(), cell.end(), data_type), end; it != end; ++it)
      layer.data_types.push_back((*it)[1].str());
    for (std::sregex_iterator it(cell.begin(), cell.end(), encoding), end; it != end; ++it)
      layer.encodings.push_back({trim((*it)[1].str()), std::stoi((*it)[2].str()),
                                 std::stod((*it)[3].str()), std::stod((*it)[4].str()),
                                 std::stod((*it)[5].str()), std::stoll((*it)[6].str())});
  }
}

}  // namespace

DlcInfo parse_snpe_dlc_info(const std::string& text, const std::string& source) {
  static const std::regex parameters(R"(Total parameters:\s*([0-9]+))");
  static const std::regex macs(R"(Total MACs per inference:\s*([0-9]+(?:\.[0-9]+)?)\s*([KkMG]?))");
  DlcInfo info;
  bool saw_header = false, saw_parameters = false, saw_macs = false;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, parameters)) {
      info.total_parameters = std::stoull(m[1].str());
      saw_parameters = true;
      continue;
    }
    if (std::regex_search(line, m, macs)) {
      info.total_macs = with_suffix(m[1].str(), m[2].str());
      saw_macs = true;
      continue;
    }
    if (trim(line).rfind('|', 0) != 0) continue;
    const auto cells = table_cells(line);
    if (cells.size() < 3) continue;
    if (cells[0] == "Id") {
      saw_header = true;
      continue;
    }
    if (!saw_header) continue;
    if (cells[0].empty()) {
      if (!info.layers.empty()) read_cells(cells, info.layers.back());
      continue;
    }
    DlcLayer layer;
    try {
      layer.id = std::stoi(cells[0]);
    } catch (const std::exception&) {
      throw InputError(source + ": layer row with Id '" + cells[0] + "', expected a number");
    }
    layer.name = cells[1];
    layer.type = cells[2];
    if (cells.size() > 5) layer.out_dims = cells[5];
    if (cells.size() > 6) layer.runtimes = cells[6];
    read_cells(cells, layer);
    info.layers.push_back(std::move(layer));
  }
  if (!saw_header || info.layers.empty())
    throw InputError(source + ": no layer table (a '| Id | Name | Type | ...' header and rows)");
  if (!saw_parameters || !saw_macs)
    throw InputError(source + ": expected 'Total parameters:' and 'Total MACs per inference:'");
  return info;
}

}  // namespace onnxbench::qualcomm
