// onnxbench run: one inference, outputs written as .npy files; optionally checked against the
// reference outputs of an ONNX test-data folder (--expect).
#include <algorithm>
#include <iostream>
#include <sstream>

#include "bench/output_check.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/engine_options.h"
#include "cli/open_model.h"
#include "cli/output_paths.h"
#include "cli/validators.h"
#include "core/error.h"
#include "core/tensor.h"
#include "engines/work_folder.h"
#include "graph/builder.h"
#include "passes/passes.h"

namespace onnxbench::cli {
namespace {

struct RunOptions {
  EngineCommandOptions engine;
  std::string output_dir, expect_dir;
  std::vector<std::string> outputs;
  Tolerance tolerance;
};

// Tensors asked for with --fetch that are not graph outputs.
std::vector<std::string> intermediate(const std::vector<std::string>& wanted,
                                      const onnx::GraphProto& graph) {
  std::vector<std::string> inner;
  for (const auto& name : wanted)
    if (std::none_of(graph.output().begin(), graph.output().end(),
                     [&](const onnx::ValueInfoProto& v) { return v.name() == name; }))
      inner.push_back(name);
  return inner;
}

void run_once(const RunOptions& o) {
  check_output_folder(o.output_dir, "--out");
  check_input_exists(o.expect_dir, "--expect");
  model::LoadedModel loaded = open_model(o.engine.model);
  // An intermediate tensor becomes a graph output of a temporary copy of the model (the expose
  // pass), so that every engine can return it, not only those that fetch inner tensors.
  std::unique_ptr<WorkFolder> copy_folder;
  if (const auto inner = intermediate(o.outputs, loaded.proto.graph()); !inner.empty()) {
    add_shapes_if_needed(loaded, o.engine.input_request(), o.engine.limits());
    model::expose_pass(inner)->run(loaded.proto);
    copy_folder = std::make_unique<WorkFolder>("run");
    loaded.path = copy_folder->path() + "/exposed.onnx";
    model::save_model(loaded.proto, loaded.path);
  }
  OpenedSession opened = open_session(o.engine, loaded);
  const auto files = opened.session->run_once(o.output_dir, o.outputs);
  std::cout << "inputs: " << opened.session->config().inputs << "\n";
  for (const auto& f : files)
    std::cout << f.name << "  " << f.dtype << " " << shape_to_string(f.shape) << "  -> " << f.path
              << "\n";
  for (const auto& line : declaration_mismatches(files, loaded.proto.graph()))
    std::cerr << "onnxbench: warning: " << line << "\n";
  if (o.expect_dir.empty()) return;
  int failed = 0;
  for (const auto& v : check_expected(files, o.expect_dir, o.tolerance)) {
    std::cout << (v.pass ? "PASS  " : "FAIL  ") << v.name << ": " << v.detail << "\n";
    failed += !v.pass;
  }
  if (failed) {
    std::ostringstream why;
    why << failed << " of " << files.size() << " outputs differ from " << o.expect_dir << " (rtol "
        << o.tolerance.rtol << ", atol " << o.tolerance.atol << ", cosine "
        << o.tolerance.min_cosine << ")";
    throw Error(why.str());
  }
}

}  // namespace

void add_run(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Run one inference and write every output as a .npy file (NumPy format). With --expect, "
      "compare the outputs with an ONNX test-data folder's output_*.pb (run it with --input "
      "on the same folder).");
  add_engine_options(*cmd, o->engine, {.settings = true, .instances = false});
  add_out_option(*cmd, o->output_dir, "folder for the output .npy files")->required();
  cmd->add_option("--fetch", o->outputs,
                  "write only this output, or any intermediate tensor (repeatable; default: all "
                  "graph outputs)")
      ->type_name("TENSOR");
  cmd->add_option("--expect", o->expect_dir,
                  "folder with the expected outputs as output_0.pb, output_1.pb, ...; exit 1 "
                  "when one differs");
  cmd->add_option("--rtol", o->tolerance.rtol, "--expect: relative tolerance per element")
      ->capture_default_str()
      ->check(at_least(0));
  cmd->add_option("--atol", o->tolerance.atol, "--expect: absolute tolerance per element")
      ->capture_default_str()
      ->check(at_least(0));
  cmd->add_option("--min-cosine", o->tolerance.min_cosine,
                  "--expect: least cosine similarity of each float output")
      ->capture_default_str()
      ->check(at_least(-1));
  cmd->callback([o] { run_once(*o); });
}

}  // namespace onnxbench::cli
