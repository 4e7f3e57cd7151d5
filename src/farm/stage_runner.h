// Runs one stage as a child onnxbench process with a time and memory limit (the project's
// Subprocess launcher), renewing the lease while it runs. A crash, a hang or too much memory
// fails this attempt only; the worker carries on. Every record the stage makes also says when
// its run started and ended ("fleet": started_ms, ended_ms, by the wall clock of the worker) and,
// for a measuring stage, on which device.
#pragma once

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "farm/pipeline.h"

namespace onnxbench::farm {

struct StageOutcome {
  enum class Status { kDone, kFailed, kLeaseLost, kStopped } status = Status::kFailed;
  std::vector<nlohmann::json> records;  // one per run (unsteady benches run several times)
  std::string error, stderr_tail;
  std::string output_path;  // set when the stage has an output
};

struct StageContext {
  std::string onnxbench;   // the executable to start
  std::string input_path;  // the artifact the stage reads, as a local file
  std::string work_dir;    // empty folder for this attempt
  std::uint64_t memory_limit_bytes = 0;
  double heartbeat_seconds = 5;
  std::function<bool()> heartbeat;          // false: the lease is gone, stop at once
  const std::atomic<bool>* stop = nullptr;  // set by SIGTERM: hand the task back
  // A measuring stage: the arguments that name its device (--device NAME), and what is done
  // around each run on it: before (cooldown, readings) and after (readings). What they return
  // goes into the run's record under "hygiene"; a TransportError fails the attempt.
  std::string device_name;  // named in the record's "fleet" object
  std::vector<std::string> device_args;
  std::function<nlohmann::json()> before_run, after_run;
};

StageOutcome run_stage(const Stage& stage, const StageContext& context);

// What the status table shows for a finished stage: the field `stage.value` of its last record,
// else the first 12 hex digits of its output artifact, else null. A stage that reruns unsteady
// benchmarks and whose last run is still unsteady shows {"value": V, "unsteady": true, "cv": C}
// (issue 22: the table showed the last of five unsteady runs as if it were steady). A result that
// rests on random calibration data (farm/pipeline.h: calibrated_on_random_data) comes as
// {"value": V, "random_calibration": true}, both flags together where both hold.
nlohmann::json stage_value(const Stage& stage, const std::vector<nlohmann::json>& records,
                           const std::string& output_sha256, bool random_calibration = false);

}  // namespace onnxbench::farm
