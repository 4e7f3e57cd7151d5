#include "devices/device_session.h"

#include <unistd.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "core/sha256.h"
#include "core/shell_word.h"
#include "devices/device_tool_host.h"
#include "devices/probe_script.h"
#include "engines/bundle_manifest.h"
#include "engines/registry.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

// For records: which runner measured. A cross-built bundle's manifest adds its versions and the
// lowest glibc and libstdc++ it runs on.
nlohmann::json bundle_description(const RunnerBundle& bundle, const std::string& digest) {
  nlohmann::json j{
      {"engine", bundle.engine}, {"architecture", bundle.architecture}, {"sha256", digest}};
  if (fs::exists(bundle.folder / "manifest.json")) {
    const BundleManifest m = read_bundle_manifest(bundle.folder);
    j.update({{"engine_version", m.engine_version},
              {"runner_version", m.runner_version},
              {"glibc_min", m.glibc_min},
              {"libstdcxx_min", m.libstdcxx_min}});
  }
  return j;
}

}  // namespace

DeviceSession::DeviceSession(std::unique_ptr<ShellTransport> transport,
                             std::map<std::string, std::string> dimensions)
    : transport_(std::move(transport)), dimensions_(std::move(dimensions)) {}

DeviceSession::~DeviceSession() {
  if (work_folder_.empty()) return;
  try {
    transport_->remove_work_folder(work_folder_);
  } catch (const Error&) {
    // The device went away: its folder goes with the next session's clean-up of the device.
  }
}

const std::string& DeviceSession::architecture() {
  if (architecture_.empty()) {
    architecture_ = last_line(transport_->run_checked("uname -m", kShellTimeout).out);
    if (architecture_.empty()) transport_->fail("'uname -m' named no architecture");
  }
  return architecture_;
}

const std::string& DeviceSession::work_folder() {
  if (work_folder_.empty()) work_folder_ = transport_->make_work_folder("session");
  return work_folder_;
}

void DeviceSession::push_into_place(const std::string& local, const std::string& remote) {
  // A partial name of this process's own: two onnxbench processes may fill the same cache entry
  // at once (the same bundle pushed by two commands); each renames its complete copy into place.
  const std::string partial = remote + ".partial-" + std::to_string(::getpid());
  transport_->push(local, partial);
  transport_->run_checked("mv -f " + shell_word(partial) + " " + shell_word(remote), kShellTimeout);
}

DeviceSession::PushedBundle DeviceSession::push_bundle(const std::string& kind,
                                                       const std::string& label,
                                                       const BundleFiles& files) {
  std::map<std::string, std::string> sha_of;  // name -> sha256
  Sha256 whole;
  for (const auto& [name, local] : files) {
    sha_of[name] = sha256_file(local.string());
    whole.update(name + " " + sha_of[name] + "\n");
  }
  const std::string digest = whole.hex_digest();
  const std::string folder =
      transport_->workdir() + "/" + kind + "/" + label + "-" + digest.substr(0, 16);
  std::set<std::string> folders{folder};  // the bundle's and its subfolders, made at once
  for (const auto& [name, local] : files)
    if (const auto parent = fs::path(name).parent_path(); !parent.empty())
      folders.insert(folder + "/" + parent.string());
  std::string check = "mkdir -p";
  for (const auto& f : folders) check += " " + shell_word(f);
  check += " && cd " + shell_word(folder) + " && { sha256sum --";
  for (const auto& [name, local] : files) check += " " + shell_word(name);
  // sha256sum's lines: "<sha256>  <name>"; a missing file is only missing from them.
  const CommandResult present =
      transport_->run_checked(check + " 2>/dev/null; true; }", kShellTimeout);
  std::map<std::string, std::string> on_device;
  std::istringstream lines(present.out);
  for (std::string line; std::getline(lines, line);)
    if (line.size() > 66) on_device[line.substr(66)] = line.substr(0, 64);
  for (const auto& [name, local] : files)
    if (on_device[name] != sha_of[name]) push_into_place(local.string(), folder + "/" + name);
  return {folder, digest};
}

std::string DeviceSession::push_content(const std::string& local_path, const std::string& kind,
                                        const std::string& extension) {
  const std::string folder = transport_->workdir() + "/" + kind;
  const std::string sha = sha256_file(local_path);
  const std::string remote = folder + "/" + sha + extension;
  if (transport_->remote_digest(remote).second == sha) return remote;
  transport_->run_checked("mkdir -p " + shell_word(folder), kShellTimeout);
  push_into_place(local_path, remote);
  return remote;
}

ProcessSpec DeviceSession::runner_process(const std::string& engine, const std::string&) {
  const RunnerBundle bundle = runner_bundle(engine, architecture());
  BundleFiles files;
  for (const auto& file : bundle.files) files.emplace_back(file, bundle.folder / file);
  const PushedBundle pushed = push_bundle("runners", engine, files);
  bundle_ = bundle_description(bundle, pushed.sha256);
  const std::string program = pushed.folder + "/" + bundle.program;
  transport_->run_checked("chmod 755 " + shell_word(program), kShellTimeout);
  return transport_->interactive(shell_word(program), work_folder());
}

std::string DeviceSession::model_path(const std::string& local_path) {
  return push_content(local_path, "models", ".onnx");
}

std::string DeviceSession::input_path(const std::string& local_path) {
  const std::string sha = sha256_file(local_path);
  if (const auto it = pushed_inputs_.find(sha); it != pushed_inputs_.end()) return it->second;
  const std::string remote = work_folder() + "/input-" + sha.substr(0, 16) + ".npy";
  transport_->push(local_path, remote);
  return pushed_inputs_[sha] = remote;
}

std::string DeviceSession::output_dir(const std::string& local_dir) {
  const std::string key = fs::absolute(local_dir).lexically_normal().string();
  auto it = output_folders_.find(key);
  if (it == output_folders_.end()) {
    const std::string remote = work_folder() + "/outputs-" + std::to_string(output_folders_.size());
    it = output_folders_.emplace(key, remote).first;
  }
  transport_->run_checked(
      "rm -rf " + shell_word(it->second) + " && mkdir -p " + shell_word(it->second), kShellTimeout);
  fs::create_directories(local_dir);
  return it->second;
}

std::string DeviceSession::fetch_output(const std::string& runner_path,
                                        const std::string& local_dir) {
  const std::string local = (fs::path(local_dir) / fs::path(runner_path).filename()).string();
  transport_->pull(runner_path, local);
  return local;
}

void DeviceSession::check_reachable() { transport_->run("true", std::chrono::seconds(15)); }

nlohmann::json DeviceSession::describe() {
  if (probe_.is_null()) probe_ = to_json(transport_->probe());
  return {{"name", device_name()},
          {"transport", transport_->url().kind_name()},
          {"url", transport_->url().str()},
          {"dimensions", dimensions_},
          {"probe", probe_},
          {"bundle", bundle_}};
}

std::shared_ptr<RunnerHost> DeviceSession::for_engine(const std::string& engine) {
  switch (device_placement(engine)) {
    case DevicePlacement::kToolsOnDevice:
      return device_tool_host(std::static_pointer_cast<DeviceSession>(shared_from_this()));
    case DevicePlacement::kThisHostOnly:
      throw InputError("engine '" + engine + "' runs on this host's own accelerator cards; it " +
                       "cannot run on device '" + device_name() + "' (use --device local)");
    case DevicePlacement::kRunnerOnDevice:
      break;
  }
  return shared_from_this();
}

bool is_device_url(const std::string& name_or_url) {
  return name_or_url == "local" || name_or_url.find("://") != std::string::npos;
}

DeviceRef resolve_device(const std::string& name_or_url) {
  if (is_device_url(name_or_url)) {
    DeviceUrl url = DeviceUrl::parse(name_or_url);
    return {url.str(), url, {}};
  }
  throw InputError("--device '" + name_or_url +
                   "': expected local, ssh://[user@]host[:port][/workdir] or "
                   "adb://SERIAL[@HOST:PORT][/workdir]");
}

std::shared_ptr<RunnerHost> open_runner_host(const DeviceRef& device) {
  if (device.url.kind == DeviceUrl::Kind::kLocal) return local_runner_host();
  return std::make_shared<DeviceSession>(open_shell_transport(device.name, device.url),
                                         device.dimensions);
}

}  // namespace onnxbench
