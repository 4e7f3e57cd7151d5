#include "tune/trial_log.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#include "core/error.h"
#include "core/file_io.h"

namespace onnxbench::tune {
namespace {

using nlohmann::json;
using Status = TrialOutcome::Status;

// Every LatencyStats field but count, with its JSON name.
const std::vector<std::pair<const char*, double LatencyStats::*>> kStatFields = {
    {"mean", &LatencyStats::mean},   {"min", &LatencyStats::min},    {"p50", &LatencyStats::p50},
    {"p75", &LatencyStats::p75},     {"p90", &LatencyStats::p90},    {"p95", &LatencyStats::p95},
    {"p99", &LatencyStats::p99},     {"p99.9", &LatencyStats::p999}, {"max", &LatencyStats::max},
    {"stdev", &LatencyStats::stdev}, {"cv", &LatencyStats::cv}};

const char* status_name(Status s) {
  return s == Status::kOk ? "ok" : s == Status::kSkipped ? "skipped" : "failed";
}

// JSON has no NaN (the statistics of no samples): it is written as null and read back as NaN.
json number(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

class LineReader {
 public:
  LineReader(const std::string& path, std::size_t line)
      : where_(path + ":" + std::to_string(line)) {}

  Trial trial(const json& j) const {
    if (!j.is_object()) fail("trial", "expected a JSON object");
    Trial t;
    const json& index = field(j, "index");
    if (!index.is_number_integer() || index.get<long long>() < 1 ||
        index.get<long long>() > std::numeric_limits<int>::max())
      fail("index", "expected an integer >= 1");
    t.index = index.get<int>();
    t.phase = text(j, "phase");
    if (t.phase != "search" && t.phase != "remeasure" && t.phase != "grid")
      fail("phase", "expected search, remeasure or grid");
    const json& config = field(j, "config");
    if (!config.is_object()) fail("config", "expected a JSON object");
    for (const auto& [name, value] : config.items()) t.config[name] = value;
    t.outcome.status = status(text(j, "status"));
    t.outcome.reason = text(j, "reason");
    t.outcome.throughput = real(j, "throughput", "throughput");
    t.outcome.latency_ms = stats(field(j, "latency_ms"));
    t.elapsed_s = real(j, "elapsed_s", "elapsed_s");
    return t;
  }

 private:
  [[noreturn]] void fail(const std::string& field, const std::string& expected) const {
    throw InputError(where_ + ": " + field + ": " + expected);
  }

  const json& field(const json& j, const char* name) const {
    if (!j.contains(name)) fail(name, "missing");
    return j[name];
  }

  std::string text(const json& j, const char* name) const {
    const json& v = field(j, name);
    if (!v.is_string()) fail(name, "expected a string");
    return v.get<std::string>();
  }

  double real(const json& j, const char* name, const std::string& path) const {
    const json& v = field(j, name);
    if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!v.is_number()) fail(path, "expected a number");
    return v.get<double>();
  }

  Status status(const std::string& s) const {
    if (s == "ok") return Status::kOk;
    if (s == "skipped") return Status::kSkipped;
    if (s == "failed") return Status::kFailed;
    fail("status", "expected ok, skipped or failed");
  }

  LatencyStats stats(const json& j) const {
    if (!j.is_object()) fail("latency_ms", "expected a JSON object");
    LatencyStats s{};
    const json& count = field(j, "count");
    if (!count.is_number_unsigned()) fail("latency_ms.count", "expected an integer >= 0");
    s.count = count.get<std::size_t>();
    for (const auto& [name, member] : kStatFields)
      s.*member = real(j, name, std::string("latency_ms.") + name);
    return s;
  }

  std::string where_;
};

}  // namespace

nlohmann::json trial_to_json(const Trial& trial, const std::string& command) {
  json latency = {{"count", trial.outcome.latency_ms.count}};
  for (const auto& [name, member] : kStatFields)
    latency[name] = number(trial.outcome.latency_ms.*member);
  return {{"index", trial.index},
          {"phase", trial.phase},
          {"config", trial.config},
          {"status", status_name(trial.outcome.status)},
          {"reason", trial.outcome.reason},
          {"throughput", number(trial.outcome.throughput)},
          {"latency_ms", latency},
          {"elapsed_s", number(trial.elapsed_s)},
          {"command", command}};
}

std::vector<Trial> read_trials(const std::string& path) {
  const std::string text = read_file(path);
  std::vector<Trial> trials;
  std::size_t line_number = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const json j = json::parse(line, nullptr, false);
    trials.push_back(LineReader(path, line_number).trial(j));  // a parse error is not an object
  }
  return trials;
}

void append_trial(const std::string& path, const Trial& trial, const std::string& command) {
  // One write per line, so an interrupted search leaves whole lines behind.
  const std::string line =
      trial_to_json(trial, command).dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  std::ofstream out(path, std::ios::binary | std::ios::app);
  if (!out) throw Error(path + ": cannot write: " + std::strerror(errno));
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
  out.flush();
  if (!out) throw Error(path + ": cannot write: " + std::strerror(errno));
}

}  // namespace onnxbench::tune
