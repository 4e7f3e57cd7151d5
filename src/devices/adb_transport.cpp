#include "devices/adb_transport.h"

#include "core/shell_word.h"
#include "engines/subprocess.h"

namespace onnxbench {
namespace {

// Printed after the command: its absence means the stream ended before the command did.
constexpr char kDoneMarker = '\036';

}  // namespace

AdbTransport::AdbTransport(std::string device_name, DeviceUrl url)
    : ShellTransport(std::move(device_name), std::move(url)) {}

std::vector<std::string> AdbTransport::adb(std::vector<std::string> arguments) const {
  std::vector<std::string> argv{"adb"};
  if (!url().host.empty()) argv.insert(argv.end(), {"-H", url().host});
  if (url().port) argv.insert(argv.end(), {"-P", std::to_string(url().port)});
  argv.insert(argv.end(), {"-s", url().serial});
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return argv;
}

CommandResult AdbTransport::run(const std::string& command, std::chrono::milliseconds timeout) {
  const std::string marked = "(" + command + "\n); s=$?; printf '\\036'; exit $s";
  const CompletedProcess done = run_to_completion({adb({"shell", "-T", marked}), "", {}}, timeout);
  if (done.timed_out)
    fail("'" + command.substr(0, 80) + "' did not end within " +
         std::to_string(timeout.count() / 1000) + " s (killed)");
  if (done.out.empty() || done.out.back() != kDoneMarker)
    fail("adb shell ended before the command did (" + device_state() + ")");
  return {done.exit_status, done.out.substr(0, done.out.size() - 1), done.err};
}

ProcessSpec AdbTransport::interactive(const std::string& command, const std::string& cwd) {
  const std::string in_folder = cwd.empty() ? "" : "cd " + shell_word(cwd) + " && ";
  return {adb({"shell", "-T", in_folder + "exec " + command}), "", {}};
}

// What the adb server says of the device: "device", "offline", or its error ("not found").
std::string AdbTransport::device_state() const {
  const CompletedProcess done =
      run_to_completion({adb({"get-state"}), "", {}}, std::chrono::seconds(10));
  const std::string said = last_line(done.out.empty() ? done.err : done.out);
  return done.timed_out ? "the adb server did not answer" : "device state: " + said;
}

std::string AdbTransport::default_workdir() const { return "/data/local/tmp/onnxbench"; }

void AdbTransport::copy(const std::string& verb, const std::string& from, const std::string& to) {
  const CompletedProcess done = run_to_completion({adb({verb, from, to}), "", {}}, kCopyTimeout);
  if (done.timed_out) fail("adb " + verb + " " + from + " did not end (killed)");
  if (done.exit_status != 0)
    fail("adb " + verb + " " + from + " " + to +
         " failed: " + last_line(done.err.empty() ? done.out : done.err));
}

void AdbTransport::copy_to(const std::filesystem::path& local, const std::string& remote) {
  copy("push", local.string(), remote);
}

void AdbTransport::copy_from(const std::string& remote, const std::filesystem::path& local) {
  copy("pull", remote, local.string());
}

}  // namespace onnxbench
