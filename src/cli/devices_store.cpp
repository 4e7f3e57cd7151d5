// onnxbench devices add|list|remove|reset: the named places to measure, kept in the store so that
// every worker of a fleet sees them (DESIGN.md, "Devices"). `devices` itself is registered in
// devices.cpp.
#include <algorithm>
#include <cctype>
#include <iostream>

#include "cli/common_options.h"
#include "cli/devices_commands.h"
#include "cli/output_paths.h"
#include "cli/store_options.h"
#include "core/error.h"
#include "core/file_io.h"
#include "core/text.h"
#include "devices/device_session.h"
#include "devices/transport.h"
#include "report/table.h"
#include "store/device_json.h"

namespace onnxbench::cli {
namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

struct DevicesOptions {
  StoreOption store;
  std::string name, url, json_path;
  std::vector<std::string> dims;
};

void add_device(const DevicesOptions& o) {
  check_device_name(o.name);
  store::Device d;
  d.name = o.name;
  d.url = DeviceUrl::parse(o.url).str();  // refuses a password, an unknown scheme, bad parts
  d.dimensions = parse_dimensions(o.dims, "--dim");
  auto s = open_store_option(o.store);
  if (!s->add_device(d))
    throw InputError("device '" + o.name + "' is already in the store " + s->url() +
                     " (onnxbench devices remove " + o.name + " first)");
  std::cout << "added device " << d.name << " (" << d.url << ")"
            << (d.dimensions.empty() ? "" : " with " + store::dimensions_text(d)) << "\n";
}

void list_devices(const DevicesOptions& o) {
  check_output_file(o.json_path, "--json");
  auto s = open_store_option(o.store);
  const auto devices = s->devices();
  if (!o.json_path.empty()) {
    nlohmann::json out = {{"devices", nlohmann::json::array()}};
    for (const auto& d : devices) out["devices"].push_back(store::device_json(d));
    write_json_option(o.json_path, out);
    return;
  }
  print_devices(std::cout, devices);
  if (devices.empty())
    std::cout << "no devices in " << s->url() << " (onnxbench devices add NAME URL)\n";
}

void remove_device(const DevicesOptions& o) {
  auto s = open_store_option(o.store);
  named_device(*s, o.name);
  s->remove_device(o.name);
  std::cout << "removed device " << o.name << "\n";
}

void reset_device(const DevicesOptions& o) {
  auto s = open_store_option(o.store);
  const store::Device d = named_device(*s, o.name);
  s->reset_device(o.name);
  std::cout << "reset device " << o.name << ": "
            << (d.quarantined ? "out of quarantine, " : "not quarantined, ")
            << d.consecutive_failures << " failure(s) cleared\n";
}

}  // namespace

void print_devices(std::ostream& out, const std::vector<store::Device>& devices) {
  TextTable table({"device", "url", "state", "task", "temp_c", "failures", "dimensions"});
  for (const auto& d : devices) {
    const std::string task = d.task_id ? d.task_stage + " of " + d.task_model_sha256.substr(0, 12) +
                                             " (" + d.lease_worker + ")"
                                       : "-";
    table.add_row({d.name, d.url, d.state, task, d.temperature_c ? fixed(*d.temperature_c, 1) : "-",
                   std::to_string(d.consecutive_failures), store::dimensions_text(d)});
  }
  table.print(out);
}

store::Device named_device(store::Store& s, const std::string& name) {
  auto d = s.find_device(name);
  if (!d)
    throw InputError("device '" + name + "' is not in the store " + s.url() +
                     " (onnxbench devices list shows those that are)");
  return *d;
}

void check_device_name(const std::string& name) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), name_char))
    throw InputError("device name '" + name + "': expected letters, digits, '.', '_' or '-'");
}

std::map<std::string, std::vector<std::string>> parse_dimensions(
    const std::vector<std::string>& dims, const std::string& option) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& kv : dims) {
    const auto eq = kv.find('=');
    const std::string key = kv.substr(0, eq);
    if (eq == std::string::npos || key.empty() || eq + 1 == kv.size() ||
        !std::all_of(key.begin(), key.end(), name_char))
      throw InputError(option + " " + kv + ": expected KEY=VALUE such as soc=sm8350");
    auto& values = out[key];
    const std::string value = kv.substr(eq + 1);
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  }
  return out;
}

DeviceRef device_ref(const std::string& name_or_url) {
  if (is_device_url(name_or_url)) return resolve_device(name_or_url);
  check_device_name(name_or_url);
  const std::string url = store::resolve_store_url("");
  const store::Device d = named_device(*store::open_existing_store(url), name_or_url);
  DeviceRef ref{d.name, DeviceUrl::parse(d.url), {}};
  for (const auto& [key, values] : d.dimensions) ref.dimensions[key] = join(values, ",");
  return ref;
}

// Each subcommand has options of its own: their --store differ in whether the store must exist.
void add_devices_store(CLI::App& devices) {
  auto o = std::make_shared<DevicesOptions>();

  auto* add = devices.add_subcommand("add", "Add a named device: NAME URL [--dim KEY=VALUE...]");
  add->add_option("NAME", o->name, "the device's name (letters, digits, '.', '_', '-')")
      ->required();
  add->add_option("URL", o->url,
                  "local, ssh://[user@]host[:port][/workdir] or adb://SERIAL[@HOST:PORT] "
                  "(no passwords: keys and agents only)")
      ->required();
  add->add_option("--dim", o->dims,
                  "a dimension that tasks match, KEY=VALUE (repeatable), e.g. soc=sm8350");
  add_store_create_option(*add, o->store, "the device");
  add->callback([o] { add_device(*o); });

  o = std::make_shared<DevicesOptions>();
  auto* list = devices.add_subcommand(
      "list", "The devices: state, current task, temperature, consecutive failures");
  add_json_option(*list, o->json_path, "the devices");
  add_store_read_option(*list, o->store, "the devices to list");
  list->callback([o] { list_devices(*o); });

  o = std::make_shared<DevicesOptions>();
  auto* remove = devices.add_subcommand("remove", "Remove a device (not while it measures)");
  remove->add_option("NAME", o->name, "the device's name")->required();
  add_store_read_option(*remove, o->store, "the device to remove");
  remove->callback([o] { remove_device(*o); });

  o = std::make_shared<DevicesOptions>();
  auto* reset = devices.add_subcommand(
      "reset", "Take a device out of quarantine and clear its consecutive failures");
  reset->add_option("NAME", o->name, "the device's name")->required();
  add_store_read_option(*reset, o->store, "the device to reset");
  reset->callback([o] { reset_device(*o); });
}

}  // namespace onnxbench::cli
