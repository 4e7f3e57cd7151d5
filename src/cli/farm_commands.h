// The farm's subcommands beyond submit and worker, each file registering its own.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <utility>

#include "store/store.h"

namespace onnxbench::cli {

void add_farm_steering(CLI::App& farm);  // priority, reset, cancel, delete, download, workers
void add_farm_status(CLI::App& farm);
void add_farm_settings(CLI::App& farm);  // set

// KEY=VALUE of `farm submit --set` and `farm set`; a dataset must exist and is made absolute.
std::pair<std::string, std::string> parse_setting(const std::string& kv, const std::string& option);

// The submitted model a user names (name or sha256 prefix); InputError when there is none.
store::Model named_model(store::Store& s, const std::string& name);

}  // namespace onnxbench::cli
