#include "engines/bundle_manifest.h"

#include <algorithm>

#include "core/json_fields.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kMaxBundleFileBytes = std::int64_t{1} << 32;

BundleFile read_bundle_file(const JsonFields& fields, const fs::path& folder) {
  BundleFile file{fields.text("name"), fields.text("sha256"),
                  static_cast<std::uint64_t>(fields.integer("bytes", 0, kMaxBundleFileBytes))};
  // A name is a file beside the manifest, never a path out of its folder.
  if (file.name.empty() || file.name.find('/') != std::string::npos || file.name[0] == '.')
    fields.fail("name", "expected a file name in the bundle's folder, got '" + file.name + "'");
  std::error_code ec;
  const auto size = fs::file_size(folder / file.name, ec);
  if (ec) fields.fail("name", "'" + file.name + "' is not in " + folder.string());
  if (size != file.bytes)
    fields.fail("bytes", "'" + file.name + "' has " + std::to_string(size) +
                             " bytes, the manifest says " + std::to_string(file.bytes));
  return file;
}

}  // namespace

BundleManifest read_bundle_manifest(const fs::path& folder) {
  const std::string path = (folder / "manifest.json").string();
  const nlohmann::json doc = read_json_file(path);
  const JsonFields fields(doc, path);
  fields.integer("format", 1, 1);
  BundleManifest manifest;
  manifest.engine = fields.text("engine");
  manifest.engine_version = fields.text("engine_version");
  manifest.runner = fields.text("runner");
  manifest.runner_version = fields.text("runner_version");
  manifest.os = fields.text("os", {"linux"});
  manifest.architecture = fields.text("architecture");
  manifest.glibc_min = fields.text("glibc_min");
  manifest.libstdcxx_min = fields.text("libstdcxx_min");
  const nlohmann::json& files = fields.array("files");
  for (std::size_t i = 0; i < files.size(); ++i)
    manifest.files.push_back(
        read_bundle_file(JsonFields(files[i], path, fields.where("files", i)), folder));
  const bool has_runner =
      std::any_of(manifest.files.begin(), manifest.files.end(),
                  [&](const BundleFile& f) { return f.name == manifest.runner; });
  if (!has_runner) fields.fail("runner", "'" + manifest.runner + "' is not among its files");
  return manifest;
}

}  // namespace onnxbench
