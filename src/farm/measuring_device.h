// The device a worker's measuring stage holds the lease of: its transport, the --device argument
// the stage's command gets, and the hygiene around each run (cooldown, governor and thermal
// readings before and after, through the transport's probe).
#pragma once

#include <memory>
#include <optional>

#include "devices/transport.h"
#include "farm/hygiene.h"
#include "farm/stage_runner.h"
#include "store/store.h"

namespace onnxbench::farm {

class MeasuringDevice {
 public:
  // Opens the device's transport and fills `context` (device_args, before_run, after_run). The
  // cooldown sleeps in slices that renew the lease through context.heartbeat.
  void open(const store::Device& device, const CooldownOptions& cooldown, StageContext& context);
  void close();
  // The hottest zone of the last reading on this device (none: not read, or no zones).
  std::optional<double> last_hottest_c() const { return last_hottest_c_; }

 private:
  nlohmann::json read(const std::string& when);

  std::unique_ptr<Transport> transport_;
  std::optional<double> last_hottest_c_;
};

}  // namespace onnxbench::farm
