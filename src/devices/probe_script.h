// The probe as one POSIX shell script that every transport runs on its device (Linux and
// Android alike), and the reader of what it prints.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "devices/transport.h"

namespace onnxbench {

std::string probe_script();
DeviceProbe parse_probe(const std::string& output);
// The probe as records and `devices probe --json` write it.
nlohmann::json to_json(const DeviceProbe& probe);

}  // namespace onnxbench
