// This host as a device: commands through /bin/sh, files copied in place.
#pragma once

#include "devices/shell_transport.h"

namespace onnxbench {

class LocalTransport : public ShellTransport {
 public:
  LocalTransport(std::string device_name, DeviceUrl url);
  CommandResult run(const std::string& command, std::chrono::milliseconds timeout) override;
  ProcessSpec interactive(const std::string& command, const std::string& cwd) override;

 protected:
  std::string default_workdir() const override;
  void copy_to(const std::filesystem::path& local, const std::string& remote) override;
  void copy_from(const std::string& remote, const std::filesystem::path& local) override;
};

}  // namespace onnxbench
