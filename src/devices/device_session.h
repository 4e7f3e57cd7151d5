// An engine's runner on a device: the engine-side session that RunnerHost asks for the runner's
// process and for every path. It pushes the runner bundle for the device's architecture once
// (kept on the device by sha256 under its work folder), pushes models (kept by sha256) and
// inputs, and pulls outputs; the runner protocol travels over Transport::interactive.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "devices/shell_transport.h"
#include "engines/runner_host.h"

namespace onnxbench {

class DeviceSession : public RunnerHost {
 public:
  // `dimensions`: what the store says of the device (soc, os, …), written into records.
  DeviceSession(std::unique_ptr<ShellTransport> transport,
                std::map<std::string, std::string> dimensions = {});
  ~DeviceSession() override;  // removes the session's work folder on the device

  const std::string& device_name() const override { return transport_->device_name(); }
  ProcessSpec runner_process(const std::string& engine, const std::string& local_work_dir) override;
  std::string model_path(const std::string& local_path) override;
  std::string input_path(const std::string& local_path) override;
  std::string output_dir(const std::string& local_dir) override;
  std::string fetch_output(const std::string& runner_path, const std::string& local_dir) override;
  void check_reachable() override;
  nlohmann::json describe() override;

  ShellTransport& transport() { return *transport_; }
  const std::string& architecture();

 private:
  const std::string& work_folder();
  // Pushes `local` to `remote` unless a file with its sha256 is there already: through a
  // temporary name, so that an interrupted push never leaves a wrong file under the final one.
  void push_cached(const std::string& local, const std::string& remote);

  std::unique_ptr<ShellTransport> transport_;
  std::map<std::string, std::string> dimensions_;
  std::string architecture_, work_folder_;
  nlohmann::json probe_;   // probed once per session, for records
  nlohmann::json bundle_;  // the runner bundle pushed last (null before), for records
  std::map<std::string, std::string> pushed_inputs_;   // sha256 -> path on the device
  std::map<std::string, std::string> output_folders_;  // local folder -> folder on the device
};

// A device as commands name it (--device): "local", a URL, or (with the store's devices table)
// a name.
struct DeviceRef {
  std::string name;
  DeviceUrl url;
  std::map<std::string, std::string> dimensions;
};
// Whether --device names a place itself ("local" or a URL) rather than a device kept in a store.
bool is_device_url(const std::string& name_or_url);
// "local" and URLs; anything else is an InputError naming what was expected.
DeviceRef resolve_device(const std::string& name_or_url);

// This host for a local device, otherwise a session on the device.
std::shared_ptr<RunnerHost> open_runner_host(const DeviceRef& device);

}  // namespace onnxbench
