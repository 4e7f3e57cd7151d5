// Measurement hygiene on a device (what the device farms of Chromium, TVM and MLPerf Mobile do):
// the CPU governor and thermal readings before and after each measurement go into its record,
// and a measurement may first wait for the device to cool down.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "devices/transport.h"

namespace onnxbench::farm {

struct CooldownOptions {
  double seconds = 0;             // --cooldown: always wait this long first
  std::optional<double> below_c;  // --cooldown-below: then until the hottest zone is below
  double max_wait_s = 600;        // give up waiting for `below_c` after this (and say so)
  double poll_s = 5;              // between readings while waiting for `below_c`
  bool any() const { return seconds > 0 || below_c; }
};

// The time a cooldown waits on: the steady clock and a sleep, faked in tests.
struct WaitClock {
  std::function<double()> now_s;
  std::function<void(double)> sleep_s;
  static WaitClock steady();
};

// {"governor": "performance", "thermal_c": {"x86_pkg_temp": 41.0, ...}, "hottest_c": 41.0}
nlohmann::json hygiene_reading(const DeviceProbe& probe);
// The hottest thermal zone; none when the device reports no zones.
std::optional<double> hottest_c(const DeviceProbe& probe);

// Waits as `options` say, reading the device through `probe`. Returns what it did:
// {"waited_s", "below_c", "reached", "start_c", "end_c"}; null when there was nothing to do.
nlohmann::json cool_down(const CooldownOptions& options, const std::function<DeviceProbe()>& probe,
                         const WaitClock& clock);

}  // namespace onnxbench::farm
