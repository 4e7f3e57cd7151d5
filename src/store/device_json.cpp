#include "store/device_json.h"

namespace onnxbench::store {

using nlohmann::json;

json device_json(const Device& d) {
  json lease;
  if (d.task_id)
    lease = {{"worker", d.lease_worker}, {"task_id", *d.task_id},
             {"epoch", d.lease_epoch},   {"seconds_left", d.lease_seconds_left},
             {"stage", d.task_stage},    {"model_sha256", d.task_model_sha256}};
  return {{"name", d.name},
          {"url", d.url},
          {"dimensions", d.dimensions},
          {"state", d.state},
          {"lease", lease},
          {"consecutive_failures", d.consecutive_failures},
          {"quarantined", d.quarantined},
          {"temperature_c", d.temperature_c ? json(*d.temperature_c) : json()},
          {"probe", d.probe},
          {"probed_at", d.probed_at},
          {"added_at", d.added_at}};
}

std::string dimensions_text(const Device& d) {
  std::string text;
  for (const auto& [key, values] : d.dimensions) {
    text += (text.empty() ? "" : " ") + key + "=";
    for (std::size_t i = 0; i < values.size(); ++i) text += (i ? "," : "") + values[i];
  }
  return text;
}

}  // namespace onnxbench::store
