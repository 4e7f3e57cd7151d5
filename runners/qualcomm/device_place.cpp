#include "device_place.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include "core/file_io.h"
#include "core/input_list.h"
#include "core/shell_word.h"
#include "device_sdk_layout.h"
#include "devices/device_session.h"
#include "session.h"

namespace onnxbench::qualcomm_runner {
namespace {

namespace fs = std::filesystem;

// The DSP's own search path after the pushed libraries, as Qualcomm's snpe_bench sets it.
constexpr const char* kSystemDspPaths =
    "/system/lib/rfsa/adsp;/usr/lib/rfsa/adsp;/system/vendor/lib/rfsa/adsp;/dsp;/etc/images/dsp;";

// What the probe does not say and the SDK's layout needs: the Linux distribution, the SoC, and
// where the device's shell starts (what a relative workdir is under).
constexpr const char* kTraitsScript =
    R"SH(echo "distribution=$(. /etc/os-release 2>/dev/null; echo "$ID")"
echo "soc=$(getprop ro.soc.model 2>/dev/null) $(getprop ro.board.platform 2>/dev/null) $(cat /sys/devices/soc0/machine 2>/dev/null) $(tr '\000' ' ' 2>/dev/null </proc/device-tree/compatible)"
echo "home=$(pwd)"
)SH";

std::string value_after(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  return "";
}

// Regular files directly in `folder`, sorted; a bundle's entries "<prefix><name>".
DeviceSession::BundleFiles files_in(const fs::path& folder, const std::string& prefix) {
  DeviceSession::BundleFiles files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.is_regular_file()) files.emplace_back(prefix + e.path().filename().string(), e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// The device's failures as engine errors naming it (`label`): a dropped connection, a failed
// command.
template <typename F>
auto guarded(const std::string& label, F&& f) {
  try {
    return f();
  } catch (const protocol::RunnerError&) {
    throw;
  } catch (const Error& e) {
    const std::string what = e.what();
    throw protocol::RunnerError("engine",
                                what.rfind("device '", 0) == 0 ? what : label + ": " + what);
  }
}

class DevicePlace : public NetRunPlace {
 public:
  DevicePlace(const qualcomm::Sdk& sdk, std::vector<std::string> tools, const std::string& url,
              const std::string& name)
      : NetRunPlace(sdk),
        tools_(std::move(tools)),
        device_(
            std::make_shared<DeviceSession>(open_shell_transport(name, DeviceUrl::parse(url)))) {
    label_ = "device '" + name + "'" + (name == url ? "" : " (" + url + ")");
  }

  DlcRun place(const std::string& dlc, const std::string& input_list,
               const std::string& local_output_dir, const std::string& profiling_level) override {
    return guarded(label_, [&] {
      push_tools();
      const std::string folder =
          on_device(device_->work_folder()) + "/run-" + std::to_string(++runs_);
      device_->transport().run_checked("mkdir -p " + shell_word(folder + "/inputs"), kShellTimeout);
      InputList list = parse_input_list(read_file(input_list), input_list);
      std::map<std::string, std::string> pushed;  // local raw -> its copy on the device
      for (auto& inference : list.inferences)
        for (auto& [name, path] : inference) {
          auto it = pushed.find(path);
          if (it == pushed.end()) {
            const std::string remote = folder + "/inputs/" + std::to_string(pushed.size()) + ".raw";
            device_->transport().push(path, remote);
            it = pushed.emplace(path, remote).first;
          }
          path = it->second;
        }
      const std::string device_list = input_list + ".device";
      write_file(device_list, format_input_list(list));
      device_->transport().push(device_list, folder + "/input_list.txt");
      return DlcRun{on_device(device_->push_content(dlc, "models", ".dlc")),
                    folder + "/input_list.txt", folder + "/output", profiling_level,
                    local_output_dir};
    });
  }

  void require_dsp(const std::string& runtime) override {
    if (!dsp_folder_.empty()) return;
    guarded(label_, [&] {
      push_tools();
      const char* named = std::getenv("ONNXBENCH_HEXAGON_ARCH");
      const std::string arch = named && *named ? named : hexagon_arch(traits_.soc_text);
      const std::string soc = traits_.soc.empty() ? "unnamed" : traits_.soc;
      if (arch.empty())
        throw protocol::RunnerError(
            "unsupported", label_ + ": runtime " + runtime +
                               " needs the Hexagon DSP libraries of the device's SoC, and '" + soc +
                               "' names no Snapdragon SoC onnxbench knows; set "
                               "ONNXBENCH_HEXAGON_ARCH=v<NN> to name its Hexagon version");
      const fs::path skels = fs::path(sdk().root) / "lib" / ("hexagon-" + arch) / "unsigned";
      auto files = files_in(skels, "");
      if (files.empty())
        throw protocol::RunnerError("unsupported",
                                    label_ + ": runtime " + runtime + " needs the Hexagon " + arch +
                                        " DSP libraries of its SoC (" + soc + "), and the SDK at " +
                                        sdk().root + " has no lib/hexagon-" + arch + "/unsigned");
      dsp_folder_ = on_device(device_->push_bundle("qualcomm", "hexagon-" + arch, files).folder);
      return 0;
    });
  }

  qualcomm::ToolRun run(const std::string& tool, const std::vector<std::string>& args) override {
    return guarded(label_, [&] {
      push_tools();
      std::string command =
          "export LD_LIBRARY_PATH=" + shell_word(lib_folder_) +
          ":$LD_LIBRARY_PATH ADSP_LIBRARY_PATH=" +
          shell_word((dsp_folder_.empty() ? "" : dsp_folder_ + ";") + kSystemDspPaths) + " && cd " +
          shell_word(on_device(device_->work_folder())) + " && " +
          shell_word(bin_folder_ + "/" + tool);
      for (const auto& a : args) command += " " + shell_word(a);
      const CommandResult r = device_->transport().run(command, std::chrono::hours(1));
      qualcomm::ToolRun run{tool, command, r.exit_status, r.out + r.err};
      try {
        qualcomm::check_tool_run(run);
      } catch (const qualcomm::ToolError& e) {
        throw protocol::RunnerError("engine", label_ + ": " + e.what());
      }
      return run;
    });
  }

  std::string library(const std::string& name) override {
    guarded(label_, [&] {
      push_tools();
      return 0;
    });
    return lib_folder_ + "/" + name;
  }

  void fetch(const DlcRun& run, const std::vector<std::string>& files) override {
    guarded(label_, [&] {
      for (const auto& file : files) {
        const fs::path local = fs::path(run.local_output_dir) / file;
        fs::create_directories(local.parent_path());
        device_->transport().pull(run.output_dir + "/" + file, local);
      }
      return 0;
    });
  }

  void finish(const DlcRun& run) override {
    guarded(label_, [&] {
      return device_->transport().run_checked(
          "rm -rf " + shell_word(fs::path(run.output_dir).parent_path().string()), kShellTimeout);
    });
  }

 private:
  // An absolute path on the device: the tools run from the session's folder, and the DSP's
  // loader is given absolute folders.
  std::string on_device(const std::string& path) const {
    return path.empty() || path.front() == '/' ? path : home_ + "/" + path;
  }

  // The SDK's binaries and libraries for the device, pushed at the first run of the session.
  void push_tools() {
    if (!bin_folder_.empty()) return;
    const DeviceProbe probe = device_->transport().probe();
    const std::string traits = device_->transport().run_checked(kTraitsScript, kShellTimeout).out;
    traits_ = {probe.os, probe.architecture, value_after(traits, "distribution"), probe.cpu,
               probe.cpu + " " + value_after(traits, "soc")};
    home_ = value_after(traits, "home");
    const std::string target = sdk_target(sdk().root, traits_, label_);
    const fs::path bin = fs::path(sdk().root) / "bin" / target;
    DeviceSession::BundleFiles files;
    for (const auto& tool : tools_)
      if (fs::is_regular_file(bin / tool)) files.emplace_back("bin/" + tool, bin / tool);
    if (files.empty() || files.front().first != "bin/" + tools_.front())
      throw Error(label_ + ": the SDK at " + sdk().root + " has no " +
                  (bin / tools_.front()).string());
    for (auto& lib : files_in(fs::path(sdk().root) / "lib" / target, "lib/"))
      files.push_back(std::move(lib));
    const std::string folder =
        device_->push_bundle("qualcomm", sdk().engine + "-" + target, files).folder;
    std::string chmod = "chmod 755";
    for (const auto& tool : tools_)
      if (fs::is_regular_file(bin / tool)) chmod += " " + shell_word(folder + "/bin/" + tool);
    device_->transport().run_checked(chmod, kShellTimeout);
    bin_folder_ = on_device(folder) + "/bin";
    lib_folder_ = on_device(folder) + "/lib";
  }

  std::vector<std::string> tools_;
  std::shared_ptr<DeviceSession> device_;
  std::string label_;
  DeviceTraits traits_;
  std::string home_;  // where the device's shell starts: what a relative workdir is under
  std::string bin_folder_, lib_folder_, dsp_folder_;
  int runs_ = 0;
};

}  // namespace

std::unique_ptr<NetRunPlace> device_place(const qualcomm::Sdk& sdk, std::vector<std::string> tools,
                                          const std::string& url, const std::string& name) {
  return std::make_unique<DevicePlace>(sdk, std::move(tools), url, name);
}

}  // namespace onnxbench::qualcomm_runner
