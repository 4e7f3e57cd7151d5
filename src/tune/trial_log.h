// Every trial as one JSON line, with the exact `onnxbench bench` command that reproduces it
// (seed 003's commands file), appended as trials finish so an interrupted search loses nothing
// and `tune --resume` can continue it.
#pragma once

#include <string>
#include <vector>

#include "tune/search.h"

namespace onnxbench::tune {

nlohmann::json trial_to_json(const Trial& trial, const std::string& command);
// Throws InputError naming the file and line when a line is not a trial record.
std::vector<Trial> read_trials(const std::string& path);
void append_trial(const std::string& path, const Trial& trial, const std::string& command);

}  // namespace onnxbench::tune
