// The emulated Arm CPU of the tests: Debian's qemu-user-static runs an aarch64 runner bundle on
// this x86-64 host, with the cross toolchain's aarch64 glibc and libstdc++ as the board's own
// libraries (qemu -L). An emulation, never a board: its timings mean nothing. Needs root (a
// mount namespace for the board's cpuinfo).
#pragma once

#include <filesystem>
#include <string>

#include "engines/bundle_manifest.h"
#include "engines/subprocess.h"
#include "support/test_paths.h"

namespace onnxbench::testing {

inline constexpr const char* kQemuAarch64 = "/usr/bin/qemu-aarch64-static";
// The board's system libraries under emulation: the cross toolchain's aarch64 glibc and libstdc++.
inline constexpr const char* kAarch64SystemRoot = "/usr/aarch64-linux-gnu";

// The aarch64 bundle of `engine` that the build made.
inline std::filesystem::path aarch64_bundle_folder(const std::string& engine) {
  return std::filesystem::path(build_dir()) / "runners/aarch64" / engine;
}

// Why the emulated Arm tests cannot run here ("" when they can): no qemu, no aarch64 glibc, or
// no bundle of `engine` built (the cross compiler was missing at configure time).
inline std::string emulated_arm_unavailable(const std::string& engine) {
  namespace fs = std::filesystem;
  if (!fs::exists(kQemuAarch64)) return "qemu-user-static is not installed (scripts/setup.sh)";
  if (!fs::exists(fs::path(kAarch64SystemRoot) / "lib/ld-linux-aarch64.so.1"))
    return "g++-aarch64-linux-gnu is not installed (scripts/setup.sh)";
  if (!fs::exists(aarch64_bundle_folder(engine) / "manifest.json"))
    return "the aarch64 " + engine + " bundle is not built in " +
           aarch64_bundle_folder(engine).string() + " (no cross compiler at configure time)";
  return "";
}

// The aarch64 runner of `engine` started under qemu on this host, seeing the emulated board's
// aarch64 /proc/cpuinfo (tests/support/emulated_arm_board.sh exec).
inline ProcessSpec emulated_arm_process(const std::string& engine) {
  const auto folder = aarch64_bundle_folder(engine);
  const BundleManifest manifest = read_bundle_manifest(folder);
  return {{"bash", source_dir() + "/tests/support/emulated_arm_board.sh", "exec", kQemuAarch64,
           "-L", kAarch64SystemRoot, (folder / manifest.runner).string()},
          "",
          {}};
}

}  // namespace onnxbench::testing
