#include "devices/local_transport.h"

#include "engines/subprocess.h"

namespace onnxbench {
namespace {

void copy_over(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::error_code ec;
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) throw Error("cannot copy " + from.string() + " to " + to.string() + ": " + ec.message());
}

}  // namespace

LocalTransport::LocalTransport(std::string device_name, DeviceUrl url)
    : ShellTransport(std::move(device_name), std::move(url)) {}

CommandResult LocalTransport::run(const std::string& command, std::chrono::milliseconds timeout) {
  const CompletedProcess done = run_to_completion({{"/bin/sh", "-c", command}, "", {}}, timeout);
  if (done.timed_out)
    fail("'" + command.substr(0, 80) + "' did not end within " +
         std::to_string(timeout.count() / 1000) + " s (killed)");
  return {done.exit_status, done.out, done.err};
}

ProcessSpec LocalTransport::interactive(const std::string& command, const std::string& cwd) {
  return {{"/bin/sh", "-c", "exec " + command}, cwd, {}};
}

// The temporary directory, as the engines' local work folders.
std::string LocalTransport::default_workdir() const {
  std::error_code ec;
  const auto base = std::filesystem::temp_directory_path(ec);
  return (ec ? std::filesystem::path("/tmp") : base).string();
}

void LocalTransport::copy_to(const std::filesystem::path& local, const std::string& remote) {
  copy_over(local, remote);
}

void LocalTransport::copy_from(const std::string& remote, const std::filesystem::path& local) {
  copy_over(remote, local);
}

}  // namespace onnxbench
