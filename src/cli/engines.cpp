// onnxbench engines: which engines this machine has, their versions, knobs and capabilities.
#include <iostream>

#include "cli/commands.h"
#include "cli/engine_options.h"
#include "cli/validators.h"
#include "core/error.h"
#include "core/text.h"
#include "engines/interrupt.h"
#include "engines/registry.h"
#include "report/table.h"

namespace onnxbench::cli {
namespace {

std::string knob_range(const Knob& k) {
  if (k.type == "enum") {
    std::string s;
    for (const auto& v : k.values) s += (s.empty() ? "" : "|") + v;
    return s;
  }
  if (k.type == "bool") return "true|false";
  if (k.type == "string" || k.type == "path") return k.format;
  return (k.min ? std::to_string(*k.min) : "") + ".." + (k.max ? std::to_string(*k.max) : "");
}

void list_engines(const std::string& only) {
  for (const auto& name : known_engines()) {
    if (!only.empty() && name != only) continue;
    try {
      Engine engine(name, RunnerLimits{});
      const EngineInfo& i = engine.info();
      std::cout << name << "  " << i.engine_version << "  (runner " << i.runner_version << ")\n"
                << "  profile: " << (i.capabilities.profile ? "yes" : "no")
                << ", intermediate outputs: "
                << (i.capabilities.intermediate_outputs ? "yes" : "no")
                << "\n  input dtypes: " << join(i.capabilities.input_dtypes, ", ", "-")
                << "\n  stages: " << join(i.capabilities.stages, ", ", "-")
                << "\n  knobs (--set KNOB=VALUE):\n";
      TextTable t({"knob", "type", "default", "values", "help"});
      for (const auto& k : i.knobs)
        t.add_row({k.name, k.type,
                   k.default_value.is_string() ? k.default_value.get<std::string>()
                                               : k.default_value.dump(),
                   knob_range(k), k.help});
      t.print(std::cout, "    ");
    } catch (const Interrupted&) {
      throw;
    } catch (const Error& e) {
      std::cout << name << "  not available: " << e.what() << "\n";
    }
    std::cout << "\n";
  }
}

}  // namespace

void add_engines(CLI::App& app) {
  auto only = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "engines", "List the engines, their versions, knobs (for --set) and capabilities.");
  cmd->add_option("engine", *only, "only this engine")->check(known_engine());
  cmd->callback([only] { list_engines(*only); });
}

}  // namespace onnxbench::cli
