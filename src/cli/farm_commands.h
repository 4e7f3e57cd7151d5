// The farm's subcommands beyond submit and worker, each file registering its own.
#pragma once

#include <CLI/CLI.hpp>

#include "store/store.h"

namespace onnxbench::cli {

void add_farm_steering(CLI::App& farm);  // priority, reset, cancel, delete, download, workers
void add_farm_status(CLI::App& farm);

// The submitted model a user names (name or sha256 prefix); InputError when there is none.
store::Model named_model(store::Store& s, const std::string& name);

}  // namespace onnxbench::cli
