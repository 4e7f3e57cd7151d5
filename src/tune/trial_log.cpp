#include "tune/trial_log.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#include "core/error.h"
#include "core/file_io.h"
#include "core/json_fields.h"
#include "core/statistics_json.h"

namespace onnxbench::tune {
namespace {

using nlohmann::json;
using Status = TrialOutcome::Status;

const char* status_name(Status s) {
  return s == Status::kOk ? "ok" : s == Status::kSkipped ? "skipped" : "failed";
}

// JSON has no NaN (the statistics of no samples): it is written as null and read back as NaN.
json number(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

Status status(const JsonFields& f) {
  const std::string s = f.text("status", {"ok", "skipped", "failed"});
  return s == "ok" ? Status::kOk : s == "skipped" ? Status::kSkipped : Status::kFailed;
}

// One line of the log; `where` is "<path>:<line>".
Trial trial(const json& j, const std::string& where) {
  if (!j.is_object()) throw InputError(where + ": trial: expected a JSON object");
  const JsonFields f(j, where);
  Trial t;
  t.index = static_cast<int>(f.integer("index", 1, std::numeric_limits<int>::max()));
  t.phase = f.text("phase", {"search", "remeasure", "grid"});
  for (const auto& [name, value] : f.object("config").items()) t.config[name] = value;
  t.outcome.status = status(f);
  t.outcome.reason = f.text("reason");
  t.outcome.throughput = f.number_or_null("throughput");
  t.outcome.latency_ms = latency_stats_from_json(f.object("latency_ms"));
  t.elapsed_s = f.number_or_null("elapsed_s");
  return t;
}

}  // namespace

nlohmann::json trial_to_json(const Trial& trial, const std::string& command) {
  return {{"index", trial.index},
          {"phase", trial.phase},
          {"config", trial.config},
          {"status", status_name(trial.outcome.status)},
          {"reason", trial.outcome.reason},
          {"throughput", number(trial.outcome.throughput)},
          {"latency_ms", to_json(trial.outcome.latency_ms)},
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
    // A line that is not JSON parses as a discarded value, which is not an object.
    trials.push_back(trial(j, path + ":" + std::to_string(line_number)));
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
