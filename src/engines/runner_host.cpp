#include "engines/runner_host.h"

#include "core/host_info.h"

namespace onnxbench {

unsigned logical_cores(RunnerHost& host) {
  const nlohmann::json described = host.describe();
  const auto probe = described.find("probe");
  if (probe != described.end() && probe->is_object()) {
    const auto cores = probe->find("cores");
    if (cores != probe->end() && cores->is_number_unsigned() && cores->get<unsigned>() > 0)
      return cores->get<unsigned>();
  }
  return host_info().logical_cores;
}

}  // namespace onnxbench
