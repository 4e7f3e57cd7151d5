#include "farm/stage_runner.h"

#include <chrono>

#include "core/error.h"
#include "core/file_io.h"
#include "engines/subprocess.h"

namespace onnxbench::farm {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

std::string substitute(std::string arg, const std::string& token, const std::string& value) {
  for (auto at = arg.find(token); at != std::string::npos; at = arg.find(token, at + value.size()))
    arg.replace(at, token.size(), value);
  return arg;
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string tail_text(const std::deque<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

// One run of the child. Fills records/error; returns the status.
StageOutcome::Status run_once(const Stage& stage, const StageContext& c, int run,
                              StageOutcome& out) {
  const std::string record_path = c.work_dir + "/record-" + std::to_string(run) + ".json";
  ProcessSpec spec;
  spec.argv = {c.onnxbench};
  for (const auto& arg : stage.command)
    spec.argv.push_back(substitute(
        substitute(substitute(arg, "{input}", c.input_path), "{output}", out.output_path),
        "{record}", record_path));
  spec.argv.insert(spec.argv.end(), c.device_args.begin(), c.device_args.end());
  spec.cwd = c.work_dir;
  const json before = c.before_run ? c.before_run() : json();
  const std::int64_t started_ms = wall_ms();
  Subprocess child(spec);
  std::string stdout_text, line;
  const auto deadline = Clock::now() + std::chrono::duration<double>(stage.timeout_s);
  auto next_beat = Clock::now() + std::chrono::duration<double>(c.heartbeat_seconds);
  for (;;) {
    const auto status = child.read_line(line, std::chrono::milliseconds(200), c.memory_limit_bytes);
    if (status == Subprocess::ReadStatus::kLine) {
      stdout_text += line + "\n";
    } else if (status == Subprocess::ReadStatus::kClosed) {
      break;
    } else if (status == Subprocess::ReadStatus::kOverMemory) {
      child.kill();
      out.error = "stage " + stage.name + ": over the memory limit of " +
                  std::to_string(c.memory_limit_bytes >> 20) + " MiB";
      out.stderr_tail = tail_text(child.stderr_tail());
      return StageOutcome::Status::kFailed;
    }
    if (c.stop && c.stop->load()) {
      child.kill();
      return StageOutcome::Status::kStopped;
    }
    if (Clock::now() >= deadline) {
      child.kill();
      out.error = "stage " + stage.name + ": no result within " +
                  std::to_string(static_cast<long>(stage.timeout_s)) + " s";
      out.stderr_tail = tail_text(child.stderr_tail());
      return StageOutcome::Status::kFailed;
    }
    if (Clock::now() >= next_beat) {
      if (!c.heartbeat()) {
        child.kill();
        return StageOutcome::Status::kLeaseLost;
      }
      next_beat = Clock::now() + std::chrono::duration<double>(c.heartbeat_seconds);
    }
  }
  child.finish(std::chrono::seconds(10));
  const std::int64_t ended_ms = wall_ms();
  const json after = c.after_run ? c.after_run() : json();
  const std::string exit = child.exit_description();
  out.stderr_tail = tail_text(child.stderr_tail());
  if (exit != "exited with status 0") {
    out.error = "stage " + stage.name + ": onnxbench " + stage.command[0] + " " + exit;
    return StageOutcome::Status::kFailed;
  }
  if (stage.record == "none") return StageOutcome::Status::kDone;
  const std::string text = stage.record == "stdout" ? stdout_text : read_file(record_path);
  json record = json::parse(text, nullptr, false);
  if (record.is_discarded() || !record.is_object()) {
    out.error = "stage " + stage.name + ": the record is not a JSON object";
    return StageOutcome::Status::kFailed;
  }
  record["fleet"] = {{"started_ms", started_ms}, {"ended_ms", ended_ms}};
  if (!c.device_name.empty()) record["fleet"]["device"] = c.device_name;
  if (c.before_run || c.after_run) record["hygiene"] = {{"before", before}, {"after", after}};
  out.records.push_back(std::move(record));
  return StageOutcome::Status::kDone;
}

double cv_of(const json& record) {
  const json::json_pointer p("/measure/latency_ms/cv");
  return record.contains(p) && record.at(p).is_number() ? record.at(p).get<double>() : 0.0;
}

}  // namespace

nlohmann::json stage_value(const Stage& stage, const std::vector<json>& records,
                           const std::string& output_sha256, bool random_calibration) {
  json value;
  if (!stage.value.empty() && !records.empty() &&
      records.back().contains(json::json_pointer(stage.value)))
    value = records.back().at(json::json_pointer(stage.value));
  else if (!output_sha256.empty())
    value = output_sha256.substr(0, 12);
  const bool unsteady =
      stage.max_runs > 1 && !records.empty() && cv_of(records.back()) > stage.cv_threshold;
  if (!unsteady && !random_calibration) return value;
  json flagged = {{"value", value}};
  if (unsteady) {
    flagged["unsteady"] = true;
    flagged["cv"] = cv_of(records.back());
  }
  if (random_calibration) flagged["random_calibration"] = true;
  return flagged;
}

StageOutcome run_stage(const Stage& stage, const StageContext& c) {
  StageOutcome out;
  if (stage.output) out.output_path = c.work_dir + "/output.onnx";
  for (int run = 0; run < stage.max_runs; ++run) {
    out.status = run_once(stage, c, run, out);
    if (out.status != StageOutcome::Status::kDone) return out;
    // Steady (or not a bench): done. Unsteady: run again, keeping every run.
    if (out.records.empty() || cv_of(out.records.back()) <= stage.cv_threshold) break;
  }
  return out;
}

}  // namespace onnxbench::farm
