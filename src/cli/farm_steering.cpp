// farm priority|reset|cancel|delete|download|workers: the user's levers on queued work.
#include <filesystem>
#include <iostream>

#include "cli/devices_commands.h"
#include "cli/farm_commands.h"
#include "cli/store_options.h"
#include "core/error.h"
#include "core/file_io.h"
#include "report/table.h"

namespace onnxbench::cli {

namespace fs = std::filesystem;

store::Model named_model(store::Store& s, const std::string& name) {
  auto m = s.find_model(name);
  if (!m) throw InputError("model '" + name + "': not submitted to " + s.url());
  return *m;
}

namespace {

struct SteerOptions {
  StoreOption store;
  std::string model, stage, out;
  int priority = 0;
  bool unsteady = false;
  double threshold = 10;  // percent
};

void download(store::Store& s, const store::Model& m, const std::string& dir) {
  fs::create_directories(dir);
  s.get_artifact(m.sha256, dir + "/" + m.name + ".onnx");
  int files = 1;
  for (const auto& t : s.tasks(m.sha256))
    if (!t.output_sha256.empty()) {
      s.get_artifact(t.output_sha256, dir + "/" + m.name + "." + t.stage + ".onnx");
      ++files;
    }
  store::RecordQuery q;
  q.model = m.sha256;
  for (const auto& r : s.records(q)) {
    write_file(dir + "/record-" + std::to_string(r.id) + "-" + r.key.kind + ".json",
               r.body.dump(2) + "\n");
    ++files;
  }
  std::cout << "downloaded " << files << " file(s) of " << m.name << " to " << dir << "\n";
}

void workers(store::Store& s) {
  TextTable table(
      {"worker", "host", "state", "task", "heartbeat_s_ago", "devices", "capabilities"});
  for (const auto& w : s.workers()) {
    std::string caps, devices;
    for (const auto& c : w.capabilities) caps += (caps.empty() ? "" : " ") + c;
    for (const auto& d : w.devices) devices += (devices.empty() ? "" : " ") + d;
    table.add_row({w.name, w.host, w.state, w.task_id ? std::to_string(*w.task_id) : "-",
                   fixed(w.seconds_since_heartbeat, 1), devices.empty() ? "-" : devices, caps});
  }
  table.print(std::cout);
  std::cout << "\n";
  print_devices(std::cout, s.devices());
}

}  // namespace

void add_farm_steering(CLI::App& farm) {
  auto o = std::make_shared<SteerOptions>();
  auto with_store = [&](CLI::App* cmd, bool model) {
    add_store_read_option(*cmd, o->store, "the submitted models");
    if (model)
      cmd->add_option("MODEL", o->model, "a submitted model's name or sha256 prefix")->required();
    return cmd;
  };
  auto* priority = with_store(farm.add_subcommand("priority",
                                                  "Set a model's priority override "
                                                  "(0 = before anything else)"),
                              true);
  priority->add_option("N", o->priority, "the override; lower = more urgent")->required();
  priority->callback([o] {
    auto s = open_store_option(o->store);
    const auto m = named_model(*s, o->model);
    s->set_priority_override(m.sha256, o->priority);
    std::cout << m.name << ": priority " << o->priority << "\n";
  });

  auto* reset = farm.add_subcommand("reset", "Queue a model's stages again (or unsteady benches)");
  add_store_read_option(*reset, o->store, "the submitted models");
  reset->add_option("MODEL", o->model, "a submitted model's name or sha256 prefix");
  reset->add_option("--stage", o->stage, "only this stage");
  reset->add_flag("--unsteady", o->unsteady, "every bench stage whose last run was unsteady");
  reset->add_option("--threshold", o->threshold, "for --unsteady: coefficient of variation, %")
      ->capture_default_str();
  reset->callback([o] {
    auto s = open_store_option(o->store);
    if (o->unsteady) {
      std::cout << s->reset_unsteady(o->threshold / 100) << " unsteady stage(s) queued again\n";
      return;
    }
    if (o->model.empty()) throw InputError("farm reset: name a MODEL, or give --unsteady");
    const auto m = named_model(*s, o->model);
    std::cout << s->reset(m.sha256, o->stage) << " stage(s) of " << m.name << " queued again\n";
  });

  auto* cancel = with_store(
      farm.add_subcommand("cancel", "Cancel a model's waiting, queued and running stages"), true);
  cancel->add_option("--stage", o->stage, "only this stage");
  cancel->callback([o] {
    auto s = open_store_option(o->store);
    const auto m = named_model(*s, o->model);
    std::cout << s->cancel(m.sha256, o->stage) << " stage(s) of " << m.name << " cancelled\n";
  });
  with_store(farm.add_subcommand("delete", "Delete a model, its tasks and its records"), true)
      ->callback([o] {
        auto s = open_store_option(o->store);
        const auto m = named_model(*s, o->model);
        s->delete_model(m.sha256);
        std::cout << "deleted " << m.name << "\n";
      });
  auto* dl =
      with_store(farm.add_subcommand("download", "Records as JSON, artifacts as files"), true);
  dl->add_option("-o,--out", o->out, "folder to write to")->required();
  dl->callback([o] {
    auto s = open_store_option(o->store);
    download(*s, named_model(*s, o->model), o->out);
  });
  with_store(farm.add_subcommand("workers", "The workers, their state and capabilities"), false)
      ->callback([o] { workers(*open_store_option(o->store)); });
}

}  // namespace onnxbench::cli
