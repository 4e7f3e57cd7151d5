#include "latency/latency_table.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/csv.h"
#include "core/error.h"
#include "core/file_io.h"

namespace onnxbench::latency {
namespace {

constexpr const char* kStats[] = {"Min_Time", "Avg_Time", "Max_Time"};
constexpr const char* kKeys[] = {kForwardPropagate, kTotalInferenceTime, kLayersTime};

std::string value_text(double us) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", us);
  return buf;
}

double parse_value(const std::string& text, const std::string& where) {
  std::size_t used = 0;
  double v = -1;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(v) || v < 0)
    throw InputError(where +
                     ": <Value>: expected a latency in microseconds (a number >= 0), got '" + text +
                     "'");
  return v;
}

}  // namespace

bool is_latency_key(const std::string& key) {
  for (const char* k : kKeys)
    if (key == k) return true;
  return false;
}

void LatencyTable::add(ModuleLatency module) {
  if (!modules_.count(module.uid)) order_.push_back(module.uid);
  modules_[module.uid] = std::move(module);
}

bool is_stat(const std::string& stat) {
  for (const char* s : kStats)
    if (stat == s) return true;
  return false;
}

double stat_value(const TimeStats& t, const std::string& stat) {
  if (stat == kStats[0]) return t.min;
  if (stat == kStats[1]) return t.avg;
  if (stat == kStats[2]) return t.max;
  throw InputError("'" + stat + "': expected Min_Time, Avg_Time or Max_Time");
}

double LatencyTable::value_us(const std::string& uid, const std::string& key,
                              const std::string& stat) const {
  const auto it = modules_.find(uid);
  const std::string from = source.empty() ? "the latency table" : source;
  if (it == modules_.end()) throw InputError(from + " has no module " + uid);
  const auto k = it->second.by_key.find(key);
  if (k == it->second.by_key.end())
    throw InputError(from + ": module " + uid + " has no '" + key + "' rows");
  return stat_value(k->second, stat);
}

std::string table_rows(const ModuleLatency& m) {
  std::string out;
  for (const char* key : kKeys) {
    const auto it = m.by_key.find(key);
    if (it == m.by_key.end()) continue;
    const double values[] = {it->second.min, it->second.avg, it->second.max};
    for (int s = 0; s < 3; ++s)
      out += csv_field(m.uid) + "," + csv_field(m.runtime) + "," + key + "," + kStats[s] + "," +
             value_text(values[s]) + "\n";
  }
  return out;
}

LatencyTable read_latency_table(const std::string& path) {
  std::istringstream lines(read_file(path));
  LatencyTable table;
  table.source = path;
  std::map<std::string, ModuleLatency> modules;
  std::vector<std::string> order;
  int row = 0;
  for (std::string line; std::getline(lines, line);) {
    ++row;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::string where = path + ": row " + std::to_string(row);
    const auto fields = csv_split(line);
    if (!fields || fields->size() != 5)
      throw InputError(
          where + ": expected 5 fields <ModuleUID>,<Runtime>,<LatencyKey>,<Stats>," +
          "<Value> (seed 001's format), got " +
          (fields ? std::to_string(fields->size()) + " fields" : std::string("a quote left open")));
    const auto& f = *fields;
    if (f[0].empty()) throw InputError(where + ": <ModuleUID>: expected a module UID, got ''");
    if (!is_latency_key(f[2]))
      throw InputError(where + ": <LatencyKey>: expected 'Forward Propagate', 'Total Inference " +
                       "Time' or 'Layers Time', got '" + f[2] + "'");
    int stat = -1;
    for (int s = 0; s < 3; ++s)
      if (f[3] == kStats[s]) stat = s;
    if (stat < 0)
      throw InputError(where + ": <Stats>: expected Min_Time, Avg_Time or Max_Time, got '" + f[3] +
                       "'");
    const double value = parse_value(f[4], where);
    auto [it, fresh] = modules.try_emplace(f[0]);
    if (fresh) {
      order.push_back(f[0]);
      it->second.uid = f[0];
      it->second.runtime = f[1];
    } else if (it->second.runtime != f[1]) {
      throw InputError(where + ": <Runtime>: module rows disagree, '" + it->second.runtime +
                       "' before and '" + f[1] + "' here");
    }
    TimeStats& t = it->second.by_key[f[2]];
    (stat == 0 ? t.min : stat == 1 ? t.avg : t.max) = value;
  }
  for (const auto& uid : order) table.add(std::move(modules[uid]));
  return table;
}

void write_latency_table(const std::string& path, const LatencyTable& table) {
  std::string out;
  for (const auto& uid : table.order()) out += table_rows(table.at(uid));
  write_file(path, out);
}

}  // namespace onnxbench::latency
