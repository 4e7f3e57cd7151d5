#include "farm/hygiene.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace onnxbench::farm {

using nlohmann::json;

WaitClock WaitClock::steady() {
  return {
      [] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
      },
      [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); }};
}

std::optional<double> hottest_c(const DeviceProbe& probe) {
  std::optional<double> hottest;
  for (const auto& [zone, c] : probe.thermal_c) hottest = std::max(hottest.value_or(c), c);
  return hottest;
}

json hygiene_reading(const DeviceProbe& probe) {
  const auto hottest = hottest_c(probe);
  return {{"governor", probe.governor.empty() ? json() : json(probe.governor)},
          {"thermal_c", probe.thermal_c},
          {"hottest_c", hottest ? json(*hottest) : json()}};
}

json cool_down(const CooldownOptions& o, const std::function<DeviceProbe()>& probe,
               const WaitClock& clock) {
  if (!o.any()) return json();
  const double start = clock.now_s();
  if (o.seconds > 0) clock.sleep_s(o.seconds);
  json out = {{"seconds", o.seconds}};
  if (o.below_c) {
    auto now_c = hottest_c(probe());
    out["start_c"] = now_c ? json(*now_c) : json();
    const double give_up = clock.now_s() + o.max_wait_s;
    // A device without thermal zones cannot be waited on: said in the record, not waited for.
    while (now_c && *now_c >= *o.below_c && clock.now_s() < give_up) {
      clock.sleep_s(std::min(o.poll_s, std::max(0.0, give_up - clock.now_s())));
      now_c = hottest_c(probe());
    }
    out["below_c"] = *o.below_c;
    out["end_c"] = now_c ? json(*now_c) : json();
    out["reached"] = now_c && *now_c < *o.below_c;
  }
  out["waited_s"] = clock.now_s() - start;
  return out;
}

}  // namespace onnxbench::farm
