// An engine's runner on a device: the engine-side session that RunnerHost asks for the runner's
// process and for every path. It pushes the runner bundle for the device's architecture once
// (kept on the device by sha256 under its work folder), pushes models (kept by sha256) and
// inputs, and pulls outputs; the runner protocol travels over Transport::interactive.
// Vendor toolchains (snpe, qnn) run their runner on this host instead, which drives the vendor's
// tools on the device through a session of its own (for_engine); they keep their tools and
// prepared models on the device with the same bundles and content-named files.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

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
  std::shared_ptr<RunnerHost> for_engine(const std::string& engine) override;

  ShellTransport& transport() { return *transport_; }
  const std::string& architecture();
  // The session's own folder on the device, removed with the session.
  const std::string& work_folder();

  // Files kept together on the device: <workdir>/<kind>/<label>-<sha>/<name>, the folder named
  // by the names and contents of all its files. Only the files the device lacks (checked by
  // sha256, all in one command) are pushed; returns the folder and that sha256.
  using BundleFiles = std::vector<std::pair<std::string, std::filesystem::path>>;  // name, local
  struct PushedBundle {
    std::string folder, sha256;
  };
  PushedBundle push_bundle(const std::string& kind, const std::string& label,
                           const BundleFiles& files);
  // A file kept by its content: <workdir>/<kind>/<sha256><extension>, pushed unless there.
  std::string push_content(const std::string& local_path, const std::string& kind,
                           const std::string& extension);

 private:
  // Pushes `local` to `remote`: through a temporary name, so that an interrupted push never
  // leaves a wrong file under the final one.
  void push_into_place(const std::string& local, const std::string& remote);

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
