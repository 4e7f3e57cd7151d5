#include "farm/measuring_device.h"

#include <algorithm>

namespace onnxbench::farm {

using nlohmann::json;

json MeasuringDevice::read(const std::string& when) {
  const DeviceProbe probe = transport_->probe();
  last_hottest_c_ = hottest_c(probe);
  json reading = hygiene_reading(probe);
  reading["when"] = when;
  return reading;
}

void MeasuringDevice::open(const store::Device& device, const CooldownOptions& cooldown,
                           StageContext& c) {
  transport_ = open_transport(device.name, DeviceUrl::parse(device.url));
  last_hottest_c_.reset();
  // `local` is every command's default device; another goes by its URL (the canonical one, no
  // secret in it), which the commands resolve without the store.
  if (DeviceUrl::parse(device.url).kind != DeviceUrl::Kind::kLocal)
    c.device_args = {"--device", device.url};
  c.device_name = device.name;
  // Waiting must not cost the lease: sleep in slices, renewing it; a lost lease ends the wait.
  WaitClock clock = WaitClock::steady();
  const auto heartbeat = c.heartbeat;
  const double slice = std::max(0.05, c.heartbeat_seconds);
  const std::atomic<bool>* stop = c.stop;
  clock.sleep_s = [heartbeat, slice, stop, name = device.name](double seconds) {
    const WaitClock steady = WaitClock::steady();
    for (double left = seconds; left > 0; left -= slice) {
      steady.sleep_s(std::min(left, slice));
      if ((stop && stop->load()) || !heartbeat())
        throw Error("device " + name +
                    ": the cooldown was cut short (worker stopping or lease "
                    "lost)");
    }
  };
  c.before_run = [this, cooldown, clock] {
    const json waited = cool_down(
        cooldown, [this] { return transport_->probe(); }, clock);
    json reading = read("before");
    if (!waited.is_null()) reading["cooldown"] = waited;
    return reading;
  };
  c.after_run = [this] { return read("after"); };
}

void MeasuringDevice::close() {
  transport_.reset();
  last_hottest_c_.reset();
}

}  // namespace onnxbench::farm
