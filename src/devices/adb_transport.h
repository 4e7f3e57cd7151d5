// An Android device through Debian's adb client: `adb [-H HOST -P PORT] -s SERIAL shell|push|
// pull`. Commands use shell protocol v2 (separate stderr, the command's exit status); a marker
// printed after the command tells a finished command from a stream the device dropped.
#pragma once

#include "devices/shell_transport.h"

namespace onnxbench {

class AdbTransport : public ShellTransport {
 public:
  AdbTransport(std::string device_name, DeviceUrl url);
  CommandResult run(const std::string& command, std::chrono::milliseconds timeout) override;
  ProcessSpec interactive(const std::string& command, const std::string& cwd) override;

 protected:
  std::string default_workdir() const override;
  void copy_to(const std::filesystem::path& local, const std::string& remote) override;
  void copy_from(const std::string& remote, const std::filesystem::path& local) override;

 private:
  std::vector<std::string> adb(std::vector<std::string> arguments) const;
  std::string device_state() const;
  void copy(const std::string& verb, const std::string& from, const std::string& to);
};

}  // namespace onnxbench
