// Seed 001's per-module latency table: rows "<ModuleUID>,<Runtime>,<LatencyKey>,<Stats>,<Value>",
// values in microseconds, LatencyKey one of "Forward Propagate", "Total Inference Time",
// "Layers Time" and Stats one of Min_Time, Avg_Time, Max_Time. A module's rows are kept
// together, in the order of first appearance.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace onnxbench::latency {

inline constexpr const char* kForwardPropagate = "Forward Propagate";
inline constexpr const char* kTotalInferenceTime = "Total Inference Time";
inline constexpr const char* kLayersTime = "Layers Time";

struct TimeStats {
  double min = 0, avg = 0, max = 0;  // µs; onnxbench writes the median as Avg_Time
};

struct ModuleLatency {
  std::string uid, runtime;
  std::map<std::string, TimeStats> by_key;  // LatencyKey -> its three values
};

class LatencyTable {
 public:
  // Adds or replaces a module's rows.
  void add(ModuleLatency module);
  bool contains(const std::string& uid) const { return modules_.count(uid) > 0; }
  // The module's `stat` (Min_Time, Avg_Time, Max_Time) of `key`; throws InputError naming the
  // module when the table has no such row.
  double value_us(const std::string& uid, const std::string& key, const std::string& stat) const;
  const std::vector<std::string>& order() const { return order_; }
  const ModuleLatency& at(const std::string& uid) const { return modules_.at(uid); }
  std::size_t size() const { return order_.size(); }
  // The file the table was read from ("" when built in memory), for messages.
  std::string source;

 private:
  std::vector<std::string> order_;
  std::map<std::string, ModuleLatency> modules_;
};

// The latency keys and stats names of seed 001's format.
bool is_latency_key(const std::string& key);
bool is_stat(const std::string& stat);
// The value of one stat.
double stat_value(const TimeStats& t, const std::string& stat);

// One module's rows (9: three keys x Min_Time, Avg_Time, Max_Time), '\n'-terminated.
std::string table_rows(const ModuleLatency& module);
// Reads a table; throws InputError naming the file, the row (1-based line) and the field for a
// row that is not in seed 001's format. A module may give only some of the keys.
LatencyTable read_latency_table(const std::string& path);
void write_latency_table(const std::string& path, const LatencyTable& table);

}  // namespace onnxbench::latency
