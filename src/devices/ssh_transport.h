// A machine over OpenSSH's own clients: ssh for commands and runners, scp for files, so that the
// user's ~/.ssh/config, agent, ProxyJump and host-key checking apply as set. BatchMode: never a
// password prompt. One connection per session: a ControlMaster that this object starts and ends,
// its socket in a private folder removed with it.
#pragma once

#include <memory>

#include "devices/shell_transport.h"
#include "engines/subprocess.h"
#include "engines/work_folder.h"

namespace onnxbench {

class SshTransport : public ShellTransport {
 public:
  SshTransport(std::string device_name, DeviceUrl url);
  ~SshTransport() override;
  CommandResult run(const std::string& command, std::chrono::milliseconds timeout) override;
  ProcessSpec interactive(const std::string& command, const std::string& cwd) override;

 protected:
  std::string default_workdir() const override;
  void copy_to(const std::filesystem::path& local, const std::string& remote) override;
  void copy_from(const std::string& remote, const std::filesystem::path& local) override;

 private:
  // The options every ssh and scp call shares (config file, control socket, keep-alives).
  std::vector<std::string> common_options() const;
  std::vector<std::string> ssh_command(const std::string& remote_command) const;
  void scp(const std::string& from, const std::string& to);
  void start_master();
  std::string scp_host() const;

  WorkFolder control_folder_;
  std::string control_path_;
  std::unique_ptr<Subprocess> master_;
};

}  // namespace onnxbench
