// onnxbench devices: src/cli/devices.cpp registers the command, and each group of its
// subcommands lives in its own file, registered through a function declared here.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "devices/device_session.h"
#include "store/store.h"

namespace onnxbench::cli {

// add, list, remove, reset: the devices kept in the store (devices_store.cpp).
void add_devices_store(CLI::App& devices);

// probe: reads a device through its transport (devices_probe.cpp).
void add_devices_probe(CLI::App& devices);

// --device NAME|URL: local and URLs as they are; a NAME is looked up in the store
// ($ONNXBENCH_STORE, else ./onnxbench.db), whose URL and dimensions it brings.
DeviceRef device_ref(const std::string& name_or_url);

// The devices as a table: state, current task, temperature, consecutive failures, dimensions
// (devices list, farm workers, farm status).
void print_devices(std::ostream& out, const std::vector<store::Device>& devices);

// The device a user names; InputError "device 'X' is not in the store S" when there is none.
store::Device named_device(store::Store& s, const std::string& name);

// A device's name: letters, digits, '.', '_' and '-' (so that --device tells it from a URL).
void check_device_name(const std::string& name);

// --dim KEY=VALUE, repeatable; a key may have several values (Swarming's dimensions).
std::map<std::string, std::vector<std::string>> parse_dimensions(
    const std::vector<std::string>& dims, const std::string& option);

}  // namespace onnxbench::cli
