// A device as JSON, one writer for `devices list --json`, `farm status --json` and the dashboard.
#pragma once

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace onnxbench::store {

// {"name", "url", "dimensions": {KEY: [VALUE...]}, "state", "lease": null | {"worker",
// "task_id", "epoch", "seconds_left", "stage", "model_sha256"}, "consecutive_failures",
// "quarantined", "temperature_c", "probe", "probed_at", "added_at"}
nlohmann::json device_json(const Device& device);

// "soc=sm8350 os=android,linux": a device's dimensions on one line.
std::string dimensions_text(const Device& device);

}  // namespace onnxbench::store
