#include "device_sdk_layout.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <vector>

#include "core/error.h"

namespace onnxbench::qualcomm_runner {
namespace {

namespace fs = std::filesystem;

// The numbers of a toolchain version after the prefix: "gcc11.2" -> {11, 2}.
std::vector<int> version_of(const std::string& suffix) {
  std::vector<int> numbers;
  for (std::size_t i = 0; i < suffix.size();) {
    if (!std::isdigit(static_cast<unsigned char>(suffix[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < suffix.size() && std::isdigit(static_cast<unsigned char>(suffix[end]))) ++end;
    numbers.push_back(std::stoi(suffix.substr(i, std::min<std::size_t>(end - i, 6))));
    i = end;
  }
  return numbers;
}

// Folders under <root>/bin whose names start with `prefix`, the newest toolchain version first.
std::vector<std::string> folders_starting(const std::string& root, const std::string& prefix) {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(root) / "bin", ec)) {
    const std::string name = e.path().filename().string();
    if (e.is_directory() && name.rfind(prefix, 0) == 0) found.push_back(name);
  }
  std::sort(found.begin(), found.end(), [&](const std::string& a, const std::string& b) {
    return version_of(a.substr(prefix.size())) > version_of(b.substr(prefix.size()));
  });
  return found;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

}  // namespace

std::string sdk_target(const std::string& sdk_root, const DeviceTraits& device,
                       const std::string& device_label) {
  std::vector<std::string> candidates;
  std::string looked_for;
  const bool android = device.os.rfind("Android", 0) == 0;
  if (android && device.architecture == "aarch64") {
    candidates = {"aarch64-android"};
    looked_for = "bin/aarch64-android";
  } else if (!android && device.architecture == "aarch64") {
    const bool debian_like = device.distribution == "ubuntu" || device.distribution == "debian";
    auto ubuntu = folders_starting(sdk_root, "aarch64-ubuntu-gcc");
    auto yocto = folders_starting(sdk_root, "aarch64-oe-linux-gcc");
    candidates = debian_like ? ubuntu : yocto;
    const auto& other = debian_like ? yocto : ubuntu;
    candidates.insert(candidates.end(), other.begin(), other.end());
    looked_for = "bin/aarch64-ubuntu-gcc* or bin/aarch64-oe-linux-gcc*";
  } else if (!android && device.architecture == "x86_64") {
    candidates = {"x86_64-linux-clang"};
    looked_for = "bin/x86_64-linux-clang";
  }
  for (const auto& target : candidates)
    if (fs::is_directory(fs::path(sdk_root) / "bin" / target) &&
        fs::is_directory(fs::path(sdk_root) / "lib" / target))
      return target;
  const std::string what = device.os + ", " + device.architecture;
  if (looked_for.empty())
    throw Error(device_label + " (" + what + "): Qualcomm's SDKs have no device binaries for it");
  throw Error(device_label + " (" + what + "): the SDK at " + sdk_root + " has no " + looked_for +
              " with its lib/ folder");
}

std::string hexagon_arch(const std::string& soc_text) {
  // SoC part numbers and Android platform names with their Hexagon DSP architecture.
  static const std::map<std::string, std::string> kHexagon{
      {"sm8150", "v66"},  {"msmnile", "v66"},   {"sm8250", "v66"},  {"kona", "v66"},
      {"qrb5165", "v66"}, {"sm7250", "v66"},    {"lito", "v66"},    {"sm8350", "v68"},
      {"lahaina", "v68"}, {"sm7325", "v68"},    {"yupik", "v68"},   {"qcs6490", "v68"},
      {"qcm6490", "v68"}, {"sc8280", "v68"},    {"sa8295", "v68"},  {"sm8450", "v69"},
      {"taro", "v69"},    {"sm8475", "v69"},    {"sm7450", "v69"},  {"sm8550", "v73"},
      {"kalama", "v73"},  {"qcs8550", "v73"},   {"qcm8550", "v73"}, {"sc8380", "v73"},
      {"sm8650", "v75"},  {"pineapple", "v75"}, {"sm8750", "v79"},
  };
  for (const auto& word : words_of(soc_text))
    for (const auto& [soc, arch] : kHexagon)
      // A part number may carry a suffix (sm8350p, qcs6490ab); a platform name is the whole word.
      if (word == soc ||
          (std::isdigit(static_cast<unsigned char>(soc.back())) && word.rfind(soc, 0) == 0))
        return arch;
  return "";
}

}  // namespace onnxbench::qualcomm_runner
