#include "farm/settings.h"

#include <algorithm>

#include "farm/pipeline.h"

namespace onnxbench::farm {

using nlohmann::json;

int apply_setting(store::Store& s, const std::string& model_sha256, const std::string& key,
                  const std::string& value) {
  int filled = 0;
  for (const store::Task& t : s.tasks(model_sha256)) {
    if (t.state != "waiting") continue;
    auto waits = t.spec.value("waits_for", std::vector<std::string>{});
    if (std::find(waits.begin(), waits.end(), key) == waits.end()) continue;
    json spec = t.spec;
    spec["command"] = fill_setting(t.spec.value("command", std::vector<std::string>{}), key, value);
    waits.erase(std::find(waits.begin(), waits.end(), key));
    spec["waits_for"] = waits;
    // Guarded by the old spec: two users setting at once cannot both fill one stage.
    if (s.update_waiting_task(t.id, t.spec, spec, waits.empty())) ++filled;
  }
  return filled;
}

}  // namespace onnxbench::farm
