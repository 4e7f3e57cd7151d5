// onnxbench devices probe NAME|URL: reads a device: OS, architecture, CPU or SoC, cores, memory,
// CPU governor and thermal zones. `devices` itself is registered in devices.cpp.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/common_options.h"
#include "cli/devices_commands.h"
#include "core/file_io.h"
#include "devices/device_session.h"
#include "devices/probe_script.h"

namespace onnxbench::cli {
namespace {

struct ProbeOptions {
  std::string device;
  std::string json_path;
};

std::string gib(std::uint64_t bytes) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << bytes / double(1ull << 30) << " GiB";
  return out.str();
}

void print_probe(std::ostream& out, const DeviceRef& d, const DeviceProbe& p) {
  std::string thermal;
  for (const auto& [zone, celsius] : p.thermal_c) {
    std::ostringstream t;
    t << std::fixed << std::setprecision(1) << celsius;
    thermal += (thermal.empty() ? "" : ", ") + zone + " " + t.str() + " °C";
  }
  const auto or_dash = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
  out << "device        " << d.name << " (" << d.url.kind_name() << ")\n"
      << "os            " << or_dash(p.os) << "\n"
      << "architecture  " << or_dash(p.architecture) << "\n"
      << "cpu           " << or_dash(p.cpu) << "\n"
      << "cores         " << p.cores << "\n"
      << "memory        " << (p.memory_bytes ? gib(p.memory_bytes) : "-") << "\n"
      << "governor      " << or_dash(p.governor) << "\n"
      << "thermal       " << or_dash(thermal) << "\n";
}

void probe(const ProbeOptions& o) {
  const DeviceRef d = device_ref(o.device);
  const DeviceProbe p = open_transport(d.name, d.url)->probe();
  if (!json_to_stdout(o.json_path)) print_probe(std::cout, d, p);
  write_json_option(o.json_path, {{"name", d.name},
                                  {"transport", d.url.kind_name()},
                                  {"url", d.url.str()},
                                  {"probe", to_json(p)}});
}

}  // namespace

void add_devices_probe(CLI::App& devices) {
  auto o = std::make_shared<ProbeOptions>();
  auto* cmd = devices.add_subcommand(
      "probe", "read a device: OS, architecture, CPU or SoC, cores, memory, governor, thermal");
  cmd->add_option("device", o->device, "local, a device URL or a device name")->required();
  add_json_option(*cmd, o->json_path, "the probe");
  cmd->callback([o] { probe(*o); });
}

}  // namespace onnxbench::cli
