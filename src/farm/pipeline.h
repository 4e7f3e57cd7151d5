// Pipelines (seed 000): the stages each submitted model goes through. A stage is an onnxbench
// subcommand with its arguments, the stages it needs first, the artifact it reads, the
// capabilities a worker needs to run it, and its priority (lower = more urgent).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/store.h"

namespace onnxbench::farm {

// Placeholders in a stage's command: {input} (the artifact it reads, as a local file),
// {output} (the artifact it writes), {record} (where it writes its JSON record), and settings:
// any other {KEY}, filled by `farm submit --set KEY=VALUE` or later by `farm set KEY=VALUE`; a
// stage with a setting still missing is `waiting` (seed 000's accuracy stages wait for
// {dataset}).
struct Stage {
  std::string name;
  std::vector<std::string> command;  // the onnxbench subcommand and its arguments
  std::string input = "model";       // "model" or the name of a stage that has an output
  bool output = false;               // the stage writes {output}, kept as an artifact
  std::string record = "file";       // "file" ({record}), "stdout" or "none"
  std::string value;                 // JSON pointer into the record the status table shows
  std::vector<std::string> needs, requires_caps;
  // A measuring stage (bench, profile, eval by default) runs only while its worker holds the
  // lease of a device whose dimensions include these; the others run beside it.
  bool measures = false;
  std::map<std::string, std::string> dimensions;
  int priority = 50;
  nlohmann::json priority_from;  // {"stage": S, "field": "/pointer", "offset": 60, "scale": 10}
  int max_attempts = 3;
  double timeout_s = 900;
  // Unsteady bench reruns: a record whose /measure/latency_ms/cv exceeds cv_threshold is run
  // again, up to max_runs runs, every run kept.
  int max_runs = 1;
  double cv_threshold = 0.10;
};

struct Pipeline {
  std::string name;
  std::vector<Stage> stages;
};

// Seed 000's pipeline with our commands: inspect/MACs and quantize (20), bench float and int8
// on each engine (30), then accuracy: eval float on onnxruntime (60), then int8 on onnxruntime
// (60 + 10 * its F1) and float on opencv (60 + 100 * its F1), waiting for {dataset}.
Pipeline default_pipeline();
// Throws InputError naming the file, the stage and the field for anything not understood.
Pipeline read_pipeline(const std::string& path);
Pipeline parse_pipeline(const nlohmann::json& json, const std::string& where);

// The settings a command still wants: its {KEY} placeholders but input, output and record.
std::vector<std::string> settings_wanted(const std::vector<std::string>& command);
// The command with every {key} replaced by `value`.
std::vector<std::string> fill_setting(std::vector<std::string> command, const std::string& key,
                                      const std::string& value);

// A quantize stage whose command calibrates on random data (--calib random:N): its int8 model
// and every figure measured on it are not what real calibration data would give.
bool calibrated_on_random_data(const nlohmann::json& command);

// The tasks of one model; `settings` fill the {KEY} placeholders and must all be used. A task
// whose command still wants a setting is `waiting`; its spec lists them in "waits_for".
std::vector<store::Task> pipeline_tasks(const Pipeline& pipeline,
                                        const std::map<std::string, std::string>& settings);
// A stage back from a task's spec.
Stage stage_of(const store::Task& task);

// Whether a command measures by default: bench, profile and eval time an engine on a device.
bool measures_by_default(const std::string& command);

// Throws InputError unless `cap` is one of the known kinds: engine:onnxruntime|opencv, cpu:X,
// host:X, device:X, dataset:X.
void check_capability(const std::string& cap, const std::string& where);

}  // namespace onnxbench::farm
