// onnxbench run: one inference, outputs written as .npy files.
#include <iostream>

#include "cli/commands.h"
#include "cli/engine_options.h"
#include "cli/output_paths.h"
#include "core/tensor.h"

namespace onnxbench::cli {
namespace {

struct RunOptions {
  EngineCommandOptions engine;
  std::string output_dir;
  std::vector<std::string> outputs;
};

void run_once(const RunOptions& o) {
  check_output_folder(o.output_dir, "--output-dir");
  OpenedSession opened = open_session(o.engine);
  const auto files = opened.session->run_once(o.output_dir, o.outputs);
  std::cout << "inputs: " << opened.session->config().inputs << "\n";
  for (const auto& f : files)
    std::cout << f.name << "  " << f.dtype << " " << shape_to_string(f.shape) << "  -> " << f.path
              << "\n";
}

}  // namespace

void add_run(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Run one inference and write every output as a .npy file (NumPy format).");
  add_engine_options(*cmd, o->engine, {.settings = true, .instances = false});
  cmd->add_option("-o,--output-dir", o->output_dir, "folder for the output .npy files")->required();
  cmd->add_option("--output", o->outputs,
                  "fetch only this output, or an intermediate tensor where the engine can "
                  "(repeatable; default: all graph outputs)");
  cmd->callback([o] { run_once(*o); });
}

}  // namespace onnxbench::cli
