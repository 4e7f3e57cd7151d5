// farm status: seed 000's status table, one row per model and a column per stage (its value
// once done, else its state), then a summary per stage and what each live worker is doing.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "cli/common_options.h"
#include "cli/devices_commands.h"
#include "cli/farm_commands.h"
#include "cli/store_options.h"
#include "farm/pipeline.h"
#include "report/table.h"
#include "store/device_json.h"

namespace onnxbench::cli {
namespace {

using nlohmann::json;

struct StatusOptions {
  StoreOption store;
  std::string model;
  bool watch = false, summary = false;
  std::string json_path;
  double live_s = 90;  // a worker whose heartbeat is older is not counted alive
};

std::string value_text(const json& value) {
  if (value.is_number_float()) {
    const double v = value.get<double>();
    return fixed(v, std::abs(v) < 10 ? 3 : 1);  // an F1 score needs its decimals
  }
  if (value.is_number()) return std::to_string(value.get<long long>());
  if (value.is_string()) return value.get<std::string>();
  // Flagged results (farm/stage_runner.h: stage_value): a bench whose every rerun was unsteady,
  // a result resting on random calibration data (marked *, explained under the table).
  if (value.is_object() && value.contains("value"))
    return value_text(value["value"]) + (value.value("unsteady", false) ? " unsteady" : "") +
           (value.value("random_calibration", false) ? " *" : "");
  return "done";
}

bool on_random_calibration(const store::Task& t) {
  return t.state == "done" && t.value.is_object() && t.value.value("random_calibration", false);
}

std::string cell(const store::Task& t) {
  if (t.state == "done") return value_text(t.value);
  if (t.state == "running") return "running on " + t.worker;
  return t.state;  // waiting (for a setting: farm set), queued, failed, cancelled
}

json status_json(const std::vector<store::Model>& models, const std::vector<store::Task>& tasks,
                 const std::vector<store::Worker>& workers,
                 const std::vector<store::Device>& devices) {
  std::map<std::string, std::vector<const store::Task*>> by_model;
  for (const auto& t : tasks) by_model[t.model_sha256].push_back(&t);
  json out = {{"models", json::array()}, {"workers", json::array()}};
  for (const auto& m : models) {
    json row = {{"name", m.name}, {"sha256", m.sha256}, {"stages", json::object()}};
    row["priority"] = m.priority_override ? json(*m.priority_override) : json();
    for (const auto* t : by_model[m.sha256])
      row["stages"][t->stage] = {{"state", t->state},       {"value", t->value},
                                 {"worker", t->worker},     {"attempts", t->attempts},
                                 {"priority", t->priority}, {"error", t->last_error}};
    out["models"].push_back(row);
  }
  for (const auto& w : workers)
    out["workers"].push_back({{"name", w.name},
                              {"host", w.host},
                              {"state", w.state},
                              {"seconds_since_heartbeat", w.seconds_since_heartbeat},
                              {"devices", w.devices}});
  out["devices"] = json::array();
  for (const auto& d : devices) out["devices"].push_back(store::device_json(d));
  return out;
}

// A row per model, a column per stage (in the order the stages first appear).
void print_table(const std::vector<store::Model>& models, const std::vector<store::Task>& tasks) {
  std::map<std::string, std::map<std::string, const store::Task*>> by_model;
  std::vector<std::string> stages;
  for (const auto& t : tasks) {
    by_model[t.model_sha256][t.stage] = &t;
    if (std::find(stages.begin(), stages.end(), t.stage) == stages.end()) stages.push_back(t.stage);
  }
  std::vector<std::string> header = {"model", "sha256", "priority"};
  header.insert(header.end(), stages.begin(), stages.end());
  TextTable table(header);
  bool any_random = false;
  for (const auto& m : models) {
    std::vector<std::string> row = {
        m.name, m.sha256.substr(0, 12),
        m.priority_override ? std::to_string(*m.priority_override) : "-"};
    const auto& cells = by_model[m.sha256];
    for (const auto& stage : stages) {
      const auto it = cells.find(stage);
      row.push_back(it == cells.end() ? "-" : cell(*it->second));
      any_random = any_random || (it != cells.end() && on_random_calibration(*it->second));
    }
    table.add_row(row);
  }
  table.print(std::cout);
  if (any_random)
    std::cout << "* quantized with random calibration data (calibration=random:N): int8 accuracy "
                 "and speed are not those real data would give; farm set calibration=DIR\n";
  std::cout << "\n";
}

// Per stage and state one aggregate query, then the live workers and what each is doing.
void print_summary(store::Store& s, const std::vector<store::Worker>& workers, std::size_t models,
                   double live_s) {
  TextTable summary({"stage", "waiting", "queued", "running", "done", "failed", "cancelled"});
  std::map<std::string, std::map<std::string, std::int64_t>> counts;
  for (const auto& c : s.stage_counts()) counts[c.stage][c.state] = c.count;
  for (const auto& [stage, by_state] : counts) {
    auto n = [&](const char* state) {
      auto it = by_state.find(state);
      return std::to_string(it == by_state.end() ? 0 : it->second);
    };
    summary.add_row(
        {stage, n("waiting"), n("queued"), n("running"), n("done"), n("failed"), n("cancelled")});
  }
  summary.print(std::cout);
  int alive = 0;
  std::string doing;
  for (const auto& w : workers) {
    if (w.state == "stopped" || w.seconds_since_heartbeat > live_s) continue;
    ++alive;
    const std::string what =
        w.task_id ? w.task_stage + " of " + w.task_model_sha256.substr(0, 12) : "idle";
    doing += "\n  " + w.name + " (" + w.host + "): " + what;
  }
  std::cout << "\n" << models << " model(s); " << alive << " worker(s) alive" << doing << "\n";
  if (const auto devices = s.devices(); !devices.empty()) {
    std::cout << "\n";
    print_devices(std::cout, devices);
  }
}

void print_status(store::Store& s, const StatusOptions& o) {
  const auto models = s.models(o.model);
  const auto workers = s.workers();
  if (o.summary) return print_summary(s, workers, models.size(), o.live_s);
  const auto tasks = s.task_states();
  if (!o.json_path.empty())
    write_json_option(o.json_path, status_json(models, tasks, workers, s.devices()));
  if (json_to_stdout(o.json_path)) return;
  print_table(models, tasks);
  print_summary(s, workers, models.size(), o.live_s);
}

}  // namespace

void add_farm_status(CLI::App& farm) {
  auto o = std::make_shared<StatusOptions>();
  auto* cmd =
      farm.add_subcommand("status", "The status table: a row per model, a column per stage");
  add_store_read_option(*cmd, o->store, "the fleet's tasks");
  cmd->add_option("--model", o->model, "only this model (name or sha256 prefix)");
  add_json_option(*cmd, o->json_path, "the table");
  cmd->add_flag("--summary", o->summary, "only the counts per stage and the workers");
  cmd->add_flag("--watch", o->watch, "redraw every two seconds until interrupted");
  cmd->callback([o] {
    auto s = open_store_option(o->store);
    do {
      if (o->watch) std::cout << "\x1b[H\x1b[2J";
      print_status(*s, *o);
      if (o->watch) std::this_thread::sleep_for(std::chrono::seconds(2));
    } while (o->watch);
  });
}

}  // namespace onnxbench::cli
