#include "devices/shell_transport.h"

#include <filesystem>

#include "core/sha256.h"
#include "core/shell_word.h"
#include "devices/probe_script.h"

namespace onnxbench {

std::string last_line(const std::string& text) {
  std::string t = text;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  const auto nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}
std::string ShellTransport::workdir() const {
  return url().workdir.empty() ? default_workdir() : url().workdir;
}

void ShellTransport::fail(const std::string& what) const {
  const std::string url_text = url().str();
  throw TransportError("device '" + device_name() + "'" +
                       (device_name() == url_text ? "" : " (" + url_text + ")") + ": " + what);
}

CommandResult ShellTransport::run_checked(const std::string& command,
                                          std::chrono::milliseconds timeout) {
  CommandResult r = run(command, timeout);
  if (r.exit_status != 0)
    throw Error("device '" + device_name() + "': '" + command + "' exited with status " +
                std::to_string(r.exit_status) + ": " + last_line(r.err));
  return r;
}

std::pair<long long, std::string> ShellTransport::remote_digest(const std::string& path) {
  const std::string q = shell_word(path);
  const CommandResult r =
      run("if [ -f " + q + " ]; then wc -c < " + q + " && sha256sum " + q + "; fi", kShellTimeout);
  if (r.exit_status != 0 || r.out.empty()) return {-1, ""};
  const auto nl = r.out.find('\n');
  try {
    return {std::stoll(r.out.substr(0, nl)), r.out.substr(nl + 1, 64)};
  } catch (const std::exception&) {
    fail("cannot read the size of " + path + " from '" + last_line(r.out) + "'");
  }
}

void ShellTransport::push(const std::filesystem::path& local, const std::string& remote) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(local, ec);
  if (ec) throw InputError(local.string() + ": cannot read: " + ec.message());
  const std::string digest = sha256_file(local.string());
  copy_to(local, remote);
  const auto [remote_size, remote_sha] = remote_digest(remote);
  if (remote_size != static_cast<long long>(size) || remote_sha != digest)
    fail("the copy of " + local.string() + " at " + remote + " differs (" +
         std::to_string(remote_size) + " bytes, sha256 " + remote_sha + "; expected " +
         std::to_string(size) + " bytes, " + digest + ")");
}

void ShellTransport::pull(const std::string& remote, const std::filesystem::path& local) {
  const auto [remote_size, remote_sha] = remote_digest(remote);
  if (remote_size < 0) fail(remote + " does not exist on the device");
  copy_from(remote, local);
  std::error_code ec;
  const auto size = std::filesystem::file_size(local, ec);
  if (ec || static_cast<long long>(size) != remote_size ||
      sha256_file(local.string()) != remote_sha)
    fail("the copy of " + remote + " at " + local.string() + " differs from the device's");
}

std::string ShellTransport::make_work_folder(const std::string& label) {
  const std::string base = shell_word(workdir());
  const CommandResult r = run_checked(
      "mkdir -p " + base + " && mktemp -d " + base + "/onnxbench-" + shell_word(label) + "-XXXXXX",
      kShellTimeout);
  const std::string folder = last_line(r.out);
  if (folder.empty()) fail("mktemp named no work folder");
  return folder;
}

void ShellTransport::remove_work_folder(const std::string& folder) {
  run_checked("rm -rf " + shell_word(folder), kShellTimeout);
}

DeviceProbe ShellTransport::probe() {
  return parse_probe(run_checked(probe_script(), kShellTimeout).out);
}

}  // namespace onnxbench
