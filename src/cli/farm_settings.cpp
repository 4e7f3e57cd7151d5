// farm set KEY=VALUE: fills a setting of submitted pipelines later, above all seed 000's data set
// (`farm set dataset=DIR`): the accuracy stages waiting for it are then queued.
#include <filesystem>
#include <iostream>

#include "cli/farm_commands.h"
#include "cli/store_options.h"
#include "core/error.h"
#include "farm/settings.h"

namespace onnxbench::cli {

namespace fs = std::filesystem;

std::pair<std::string, std::string> parse_setting(const std::string& kv,
                                                  const std::string& option) {
  const auto eq = kv.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(option + " '" + kv + "': expected KEY=VALUE");
  std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
  // Stages run in a folder of their own, so a relative path would point nowhere.
  if (key == "dataset") {
    if (!fs::exists(value))
      throw InputError(option + " dataset=" + value + ": no such file or folder");
    value = fs::absolute(value).lexically_normal().string();
  }
  return {key, value};
}

namespace {

struct SetOptions {
  StoreOption store;
  std::vector<std::string> settings;
  std::string model;
};

}  // namespace

void add_farm_settings(CLI::App& farm) {
  auto o = std::make_shared<SetOptions>();
  auto* cmd = farm.add_subcommand(
      "set",
      "Fill a setting of waiting stages: calibration=DIR queues quantization (random:N "
      "calibrates on random data, and the status table marks what comes of it), dataset=DIR "
      "queues the accuracy stages");
  cmd->add_option("SETTING", o->settings, "KEY=VALUE, e.g. dataset=/data/val")->required();
  cmd->add_option("--model", o->model, "only this model (name or sha256 prefix)");
  add_store_read_option(*cmd, o->store, "the waiting stages");
  cmd->callback([o] {
    std::vector<std::pair<std::string, std::string>> settings;
    for (const auto& kv : o->settings) settings.push_back(parse_setting(kv, "farm set"));
    auto s = open_store_option(o->store);
    const std::string sha = o->model.empty() ? "" : named_model(*s, o->model).sha256;
    for (const auto& [key, value] : settings) {
      const int n = farm::apply_setting(*s, sha, key, value);
      std::cout << key << "=" << value << ": " << n << " waiting stage(s) took it"
                << (n == 0 ? " (none waits for {" + key + "})" : "") << "\n";
    }
  });
}

}  // namespace onnxbench::cli
