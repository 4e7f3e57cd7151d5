#include "devices/ssh_transport.h"

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/shell_word.h"
#include "core/text.h"

namespace onnxbench {
namespace {

constexpr auto kConnectTimeout = std::chrono::seconds(30);

// An ssh config file used instead of ~/.ssh/config (ssh -F), for set-ups and tests that must
// not touch the user's own.
std::vector<std::string> config_option() {
  const char* config = std::getenv("ONNXBENCH_SSH_CONFIG");
  if (!config || !*config) return {};
  return {"-F", config};
}

std::string tail_text(const std::deque<std::string>& tail) {
  return tail.empty() ? "no message" : tail.back();
}

}  // namespace

SshTransport::SshTransport(std::string device_name, DeviceUrl url)
    : ShellTransport(std::move(device_name), std::move(url)),
      control_folder_("ssh"),
      control_path_(control_folder_.path() + "/control") {
  // ssh appends 17 characters while it binds; a Unix socket's path has room for 107.
  if (control_path_.size() + 17 > 107)
    throw Error("the temporary folder " + control_folder_.path() +
                " is too long a path for ssh's control socket; set TMPDIR to a shorter one");
}

SshTransport::~SshTransport() {
  if (!master_) return;
  std::vector<std::string> exit{"ssh"};
  for (const auto& o : common_options()) exit.push_back(o);
  exit.insert(exit.end(), {"-O", "exit", url().host});
  try {
    run_to_completion({exit, "", {}}, std::chrono::seconds(5));
  } catch (const Error&) {
  }
  master_->kill();
}

std::vector<std::string> SshTransport::common_options() const {
  std::vector<std::string> o = config_option();
  o.insert(o.end(),
           {"-o", "BatchMode=yes", "-o", "ControlPath=" + control_path_, "-o", "ConnectTimeout=10",
            "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3"});
  if (!url().user.empty()) o.insert(o.end(), {"-o", "User=" + url().user});
  if (url().port) o.insert(o.end(), {"-o", "Port=" + std::to_string(url().port)});
  return o;
}

void SshTransport::start_master() {
  if (master_) return;
  std::vector<std::string> argv{"ssh"};
  for (const auto& o : common_options()) argv.push_back(o);
  // Its remote command ends when our end of its stdin closes: a master outlives no onnxbench,
  // even one killed with SIGKILL.
  argv.insert(argv.end(), {"-o", "ControlMaster=yes", "-o", "ControlPersist=no", "-T", url().host,
                           "--", "exec cat >/dev/null"});
  master_ = std::make_unique<Subprocess>(ProcessSpec{argv, "", {}});
  // The socket appears once the connection is up and authenticated; a master that ends first
  // says on stderr why (refused, host key, no key accepted).
  const auto deadline = std::chrono::steady_clock::now() + kConnectTimeout;
  while (!std::filesystem::exists(control_path_)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (master_->exit_description() != "running") {
      master_->finish(std::chrono::seconds(1));
      const std::string why = tail_text(master_->stderr_tail());
      master_.reset();
      fail("cannot connect: " + why);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      master_.reset();
      fail("no connection within " + std::to_string(kConnectTimeout.count()) + " s");
    }
  }
}

std::vector<std::string> SshTransport::ssh_command(const std::string& remote_command) const {
  std::vector<std::string> argv{"ssh"};
  for (const auto& o : common_options()) argv.push_back(o);
  argv.insert(argv.end(), {"-o", "ControlMaster=no", "-T", url().host, "--", remote_command});
  return argv;
}

// ssh exits with 255 for its own errors (connection refused or dropped, authentication), with
// the remote command's status otherwise.
CommandResult SshTransport::run(const std::string& command, std::chrono::milliseconds timeout) {
  start_master();
  const CompletedProcess done = run_to_completion({ssh_command(command), "", {}}, timeout);
  if (done.timed_out)
    fail("'" + command.substr(0, 80) + "' did not end within " +
         std::to_string(timeout.count() / 1000) + " s (killed)");
  if (done.exit_status == 255)
    fail("ssh failed: " + (done.err.empty() ? "the connection is gone" : last_line(done.err)));
  return {done.exit_status, done.out, done.err};
}

ProcessSpec SshTransport::interactive(const std::string& command, const std::string& cwd) {
  start_master();
  const std::string in_folder = cwd.empty() ? "" : "cd " + shell_word(cwd) + " && ";
  return {ssh_command(in_folder + "exec " + command), "", {}};
}

// Relative to the login folder, where ssh starts commands and scp resolves relative paths.
std::string SshTransport::default_workdir() const { return ".cache/onnxbench"; }

std::string SshTransport::scp_host() const {
  const std::string& h = url().host;
  return (h.find(':') != std::string::npos ? "[" + h + "]" : h) + ":";
}

void SshTransport::scp(const std::string& from, const std::string& to) {
  start_master();
  std::vector<std::string> argv{"scp", "-q"};
  for (const auto& o : common_options()) argv.push_back(o);
  argv.insert(argv.end(), {"-o", "ControlMaster=no", from, to});
  const CompletedProcess done = run_to_completion({argv, "", {}}, kCopyTimeout);
  if (done.timed_out) fail("copying " + from + " to " + to + " did not end (killed)");
  if (done.exit_status != 0) fail("cannot copy " + from + " to " + to + ": " + last_line(done.err));
}

void SshTransport::copy_to(const std::filesystem::path& local, const std::string& remote) {
  scp(local.string(), scp_host() + remote);
}

void SshTransport::copy_from(const std::string& remote, const std::filesystem::path& local) {
  scp(scp_host() + remote, local.string());
}

}  // namespace onnxbench
