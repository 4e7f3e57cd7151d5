// onnxbench transform MODEL --pass P[,P...] -o OUT: graph passes, in order, optionally verified by
// running the original and the result on an engine.
#include "passes/transform.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/engine_options.h"
#include "cli/input_options.h"
#include "cli/open_model.h"
#include "cli/output_paths.h"
#include "cli/temporary_file.h"
#include "cli/transform_verify.h"
#include "cli/validators.h"
#include "core/error.h"
#include "graph/builder.h"
#include "graph/loader.h"
#include "passes/pass_registry.h"

namespace onnxbench::cli {
namespace {

struct TransformOptions {
  std::string model, out;
  std::vector<std::string> passes;
  bool list = false;
  bool verify = false;
  std::optional<double> atol, rtol, min_cosine;  // default: the passes' own
  EngineCommandOptions run;                      // engine, --dim and --seed for --verify
};

void print_pass_list(std::ostream& out) {
  std::size_t width = 0;
  for (const auto& p : model::pass_registry())
    width = std::max(width, model::PassRequest{p.name, p.parameter}.text().size());
  for (const auto& p : model::pass_registry()) {
    const std::string usage = model::PassRequest{p.name, p.parameter}.text();
    out << usage << std::string(width + 2 - usage.size(), ' ') << p.description << "\n";
  }
}

void print_report(std::ostream& out, const std::string& title, const model::PassReport& r) {
  out << title << "\n";
  for (const auto& [kind, count] : r.changes) out << "  " << kind << ": " << count << "\n";
  for (const auto& note : r.notes) out << "  note: " << note << "\n";
}

void run_transform(const TransformOptions& o) {
  if (o.list) {
    print_pass_list(std::cout);
    return;
  }
  if (o.model.empty() || o.passes.empty() || o.out.empty())
    throw InputError("transform needs MODEL, --pass and -o OUT (or --list to see the passes)");
  check_output_file(o.out, "-o");
  check_not_input(o.out, "-o", o.model);
  std::vector<model::PassRequest> requests;
  for (const auto& text : o.passes)
    for (auto& r : model::parse_pass_list(text)) requests.push_back(std::move(r));
  std::vector<std::unique_ptr<model::Pass>> passes;
  for (const auto& r : requests) passes.push_back(model::make_pass(r));
  std::vector<std::string> names;
  for (const auto& r : requests) names.push_back(r.name);
  Tolerance tolerance = default_verify_tolerance(names);
  if (o.atol) tolerance.atol = *o.atol;
  if (o.rtol) tolerance.rtol = *o.rtol;
  if (o.min_cosine) tolerance.min_cosine = *o.min_cosine;
  const VerifyRequest verify{o.run.engine, o.run.limits(), o.run.runner_host(),
                             o.run.input_request(), tolerance};

  model::LoadedModel loaded = open_model(o.model);
  add_shapes_if_needed(loaded, o.run.input_request(), o.run.limits());  // for passes that need them
  const auto reports = model::run_passes(loaded.proto, passes, o.model);
  for (std::size_t i = 0; i < reports.size(); ++i)
    print_report(std::cout, requests[i].text(), reports[i]);

  TemporaryFile written(o.out + ".tmp");
  model::save_model(loaded.proto, written.path());
  if (o.verify && !verify_transform(o.model, written.path(), loaded.proto, verify, std::cout))
    throw Error("verification failed: an output differs by more than the tolerance; " + o.out +
                " not written");
  written.move_to(o.out);
  std::cout << "wrote " << o.out << "\n";
}

std::string pass_help() {
  std::ostringstream s;
  print_pass_list(s);
  return s.str();
}

}  // namespace

void add_transform(CLI::App& app) {
  auto o = std::make_shared<TransformOptions>();
  auto* cmd = app.add_subcommand(
      "transform",
      "Rewrite a model with graph passes, in the order given, and write the result.\n"
      "Each pass reports what it changed, or stops the command with the reason it cannot apply. "
      "The model must pass the ONNX checker and shape inference before and after every pass "
      "(for an opset or IR newer than this build of ONNX knows, the structural checks, with the "
      "shapes from one ONNX Runtime run); "
      "the output file is written only when all passes (and --verify) succeed.\n"
      "Pass syntax: NAME or NAME=PARAMETER, several separated by commas, --pass repeatable. A "
      "comma continues a list parameter unless the text after it names a pass:\n"
      "  --pass set-batch=1,expose=all\n"
      "  --pass set-dims=N=4,seq=128,div-to-mul\n"
      "Passes:\n" +
          pass_help());
  cmd->add_option("MODEL", o->model, "ONNX model file");
  cmd->add_option("-p,--pass", o->passes, "passes to apply, P[=PARAMETER][,P...] (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("-o,--out", o->out, "ONNX file to write (written whole or not at all)");
  cmd->add_flag("--list", o->list, "list the passes and exit");
  cmd->add_flag("--verify", o->verify,
                "run the original and the transformed model on the engine with the same seeded "
                "random inputs and compare every output they share; fail when one differs by more "
                "than the tolerance");
  add_engine_option(*cmd, o->run.engine, "engine for --verify");
  add_runner_limit_options(*cmd, o->run);
  cmd->add_option("--tolerance,--atol", o->atol,
                  "--verify: absolute error per element it accepts (besides --rtol x |original|; "
                  "default: the passes' own)")
      ->check(at_least(0));
  cmd->add_option("--rtol", o->rtol, "--verify: relative error per element it accepts")
      ->check(at_least(0));
  cmd->add_option("--min-cosine", o->min_cosine,
                  "--verify: least cosine similarity of each float output")
      ->check(at_least(-1));
  add_batch_option(*cmd, o->run.batch, "-b,--batch");
  add_dim_option(*cmd, o->run.dims);
  add_seed_option(*cmd, o->run.seed);
  cmd->callback([o] { run_transform(*o); });
}

}  // namespace onnxbench::cli
