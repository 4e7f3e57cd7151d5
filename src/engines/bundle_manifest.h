// The manifest of a runner bundle (scripts/make-bundle.sh writes it): a runner built for a
// device's architecture, with the libraries it needs beside it, in
// <build>/runners/<architecture>/<engine>/ (docs/arm-boards.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace onnxbench {

struct BundleFile {
  std::string name, sha256;
  std::uint64_t bytes = 0;
};

struct BundleManifest {
  std::string engine, engine_version, runner, runner_version, os, architecture;
  std::string glibc_min, libstdcxx_min;  // the lowest versions the bundle runs on
  std::vector<BundleFile> files;         // the runner and its libraries, manifest.json not
};

// Reads folder/manifest.json. InputError naming the file and the field when it is not a
// manifest, or when a file it lists is missing from the folder or has another size.
BundleManifest read_bundle_manifest(const std::filesystem::path& folder);

}  // namespace onnxbench
