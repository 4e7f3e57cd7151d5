// onnxbench devices: the places to measure (docs/devices.md, docs/fleet-devices.md). Each group
// of subcommands registers itself from its own file (cli/devices_commands.h).
#include "cli/commands.h"
#include "cli/devices_commands.h"

namespace onnxbench::cli {

void add_devices(CLI::App& app) {
  auto* devices = app.add_subcommand(
      "devices", "The devices to measure on (this host, ssh://, adb://), kept in the store");
  devices->require_subcommand(1);
  add_devices_store(*devices);
  add_devices_probe(*devices);
}

}  // namespace onnxbench::cli
