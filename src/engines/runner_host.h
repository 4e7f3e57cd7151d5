// Where an engine's runner runs and how its files reach it: this host (local_runner_host) or a
// device (devices/device_session.h: the runner pushed there, files copied both ways). The one
// place that decides it: Engine asks its host for the runner's process and for every path it
// sends, and hands back every output the runner wrote.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "engines/subprocess.h"

namespace onnxbench {

class RunnerHost : public std::enable_shared_from_this<RunnerHost> {
 public:
  virtual ~RunnerHost() = default;
  // The host that runs `engine`: this one, unless the engine's runner runs elsewhere for it (a
  // vendor toolchain's runner stays on this host and drives the device's own tools).
  virtual std::shared_ptr<RunnerHost> for_engine(const std::string& engine) {
    (void)engine;
    return shared_from_this();
  }
  // "local", or the device's name.
  virtual const std::string& device_name() const = 0;
  // The process that speaks the runner protocol of `engine`, with `local_work_dir` the engine's
  // own folder on this host.
  virtual ProcessSpec runner_process(const std::string& engine,
                                     const std::string& local_work_dir) = 0;
  // The path under which the runner reads this local model or input tensor.
  virtual std::string model_path(const std::string& local_path) = 0;
  virtual std::string input_path(const std::string& local_path) = 0;
  // The folder the runner writes outputs meant for `local_dir` into, and an output written
  // there brought to `local_dir`: returns its local path.
  virtual std::string output_dir(const std::string& local_dir) = 0;
  virtual std::string fetch_output(const std::string& runner_path,
                                   const std::string& local_dir) = 0;
  // Where a record was measured: {"name", "transport"} for this host; a device adds its "url",
  // "dimensions" and "probe" (OS, architecture, CPU or SoC, cores, memory, governor, thermal).
  virtual nlohmann::json describe() = 0;
  // Whether the runner shares this host's memory: then the engine's tensors go through a tmpfs
  // (protocol 2's memory path); a device gets them as files pushed to its disk.
  virtual bool shares_memory() const { return false; }
  // After the runner failed: throws (naming the device) when the device itself is gone, so that
  // a dropped connection is not reported as a crashed runner.
  virtual void check_reachable() {}
};

// This host: the registry's runner started in the engine's folder; paths as they are.
std::shared_ptr<RunnerHost> local_runner_host();

// The logical cores the runner's sessions share: a device's probed cores (describe()'s
// probe.cores) where it reports them, else this host's.
unsigned logical_cores(RunnerHost& host);

}  // namespace onnxbench
