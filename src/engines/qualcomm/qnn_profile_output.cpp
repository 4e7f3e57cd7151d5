#include "engines/qualcomm/qnn_profile_output.h"

#include <map>
#include <regex>
#include <sstream>

#include "core/error.h"
#include "engines/qualcomm/duration_unit.h"

namespace onnxbench::qualcomm {

QnnProfile parse_qnn_profile_viewer(const std::string& text, const std::string& file_name) {
  static const std::regex entry(R"(^\s*(.+?):\s+([0-9]+(?:\.[0-9]*)?)\s+(\S+)\s*$)");
  static const std::regex backend(R"(^Backend \((.*)\)$)");
  // Blocks per execution ("Execute Stats (Execution 3):") when the report has them, else the
  // Average block: [0] average, [1] per execution.
  QnnProfile found[2];
  std::map<std::string, std::size_t> node_index[2];
  bool in_execute = false;
  int kind = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find("Stats") != std::string::npos && line.find(':') == line.size() - 1) {
      in_execute = line.find("Execute Stats") != std::string::npos &&
                   line.find("(Min)") == std::string::npos &&
                   line.find("(Max)") == std::string::npos;
      kind = line.find("(Average)") != std::string::npos ? 0 : 1;
      continue;
    }
    std::smatch m;
    if (!in_execute || !std::regex_match(line, m, entry)) continue;
    const auto scale = microseconds_per(m[3].str());
    if (!scale) continue;
    const std::string label = m[1].str();
    const double us = std::stod(m[2].str()) * *scale;
    std::smatch b;
    QnnProfile& profile = found[kind];
    if (label == "NetRun") {
      profile.netrun_us.push_back(us);
    } else if (std::regex_match(label, b, backend)) {
      const std::string inner = b[1].str();
      if (inner == "QNN accelerator (execute) time") {
        profile.accelerator_us.push_back(us);
      } else if (inner.find("(execute)") == std::string::npos &&
                 inner.find(" time") == std::string::npos) {
        auto [it, added] = node_index[kind].emplace(inner, profile.nodes.size());
        if (added) profile.nodes.push_back({inner, "", {}});
        profile.nodes[it->second].samples_us.push_back(us);
      }
    }
  }
  const QnnProfile& profile = found[1].netrun_us.empty() ? found[0] : found[1];
  if (profile.netrun_us.empty())
    throw InputError(file_name + ": no \"Execute Stats\" with a NetRun time");
  return profile;
}

}  // namespace onnxbench::qualcomm
