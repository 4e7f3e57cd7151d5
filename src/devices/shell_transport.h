// What ssh, adb and local transports share: the device answers POSIX shell commands (Linux's sh,
// Android's toybox mksh), so work folders, the checks of copied files and the probe are shell
// commands written once here; a transport adds how it runs a command and copies a file.
#pragma once

#include <chrono>
#include <string>

#include "devices/transport.h"

namespace onnxbench {

class ShellTransport : public Transport {
 public:
  void push(const std::filesystem::path& local, const std::string& remote) override;
  void pull(const std::string& remote, const std::filesystem::path& local) override;
  std::string make_work_folder(const std::string& label) override;
  void remove_work_folder(const std::string& folder) override;
  DeviceProbe probe() override;

  // The folder under which work folders and caches live on the device.
  std::string workdir() const;
  // "device 'NAME' (URL): what" as a TransportError.
  [[noreturn]] void fail(const std::string& what) const;
  // run(), and an Error naming the device and the command's stderr unless it exits with 0.
  CommandResult run_checked(const std::string& command, std::chrono::milliseconds timeout);
  // Size and sha256 of a file on the device; size -1 when it does not exist.
  std::pair<long long, std::string> remote_digest(const std::string& path);

 protected:
  using Transport::Transport;
  virtual std::string default_workdir() const = 0;
  virtual void copy_to(const std::filesystem::path& local, const std::string& remote) = 0;
  virtual void copy_from(const std::string& remote, const std::filesystem::path& local) = 0;
};

// open_transport's own: every transport there is a shell transport.
std::unique_ptr<ShellTransport> open_shell_transport(const std::string& device_name,
                                                     const DeviceUrl& url);

// The last non-empty line of a command's output: what ssh or adb said last.
std::string last_line(const std::string& text);

// Timeouts of the transports' own commands (a runner's are the runner limits).
inline constexpr std::chrono::milliseconds kShellTimeout{std::chrono::seconds(60)};
inline constexpr std::chrono::milliseconds kCopyTimeout{std::chrono::minutes(10)};

}  // namespace onnxbench
