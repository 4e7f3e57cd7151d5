// onnxbench compare REF CAND: both models on the same inputs, tensor by tensor, worst first.
#include <iostream>
#include <memory>

#include "bench/model_under_test.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/engine_options.h"
#include "cli/open_model.h"
#include "cli/output_paths.h"
#include "cli/progress.h"
#include "cli/sample_options.h"
#include "cli/store_options.h"
#include "cli/validators.h"
#include "graph/loader.h"
#include "quant/compare_models.h"
#include "report/compare_report.h"

namespace onnxbench::cli {
namespace {

struct CompareOptions {
  EngineCommandOptions run;  // the reference model, engine, limits, --seed
  std::string candidate, candidate_engine;
  std::string inputs = "random:" + std::to_string(kEnoughCompareSamples);
  SampleCommandOptions samples;
  std::size_t worst = 20;
  std::string csv, json;
  StoreOption store;
};

void run_compare(const CompareOptions& o) {
  check_output_file(o.csv, "--csv");
  check_output_file(o.json, "--json");
  if (o.inputs.rfind("random:", 0) != 0) check_input_exists(o.inputs, "--inputs");
  model::LoadedModel reference = open_model(o.run.model);
  model::LoadedModel candidate = open_model(o.candidate);
  // Every tensor is exposed for the comparison, which needs their types and shapes.
  add_shapes_if_needed(reference, o.run.input_request(), o.run.limits());
  add_shapes_if_needed(candidate, o.run.input_request(), o.run.limits());
  const auto inputs = model_under_test(reference).inputs;
  const std::string candidate_engine_name =
      o.candidate_engine.empty() ? o.run.engine : o.candidate_engine;
  const std::string reference_prepared = prepare_in_memory(reference, o.run.engine);
  const std::string candidate_prepared = prepare_in_memory(candidate, candidate_engine_name);
  Engine reference_engine(o.run.engine, o.run.limits(), o.run.runner_host());
  Engine candidate_engine(candidate_engine_name, o.run.limits(), o.run.runner_host());
  const quant::CalibrationSet set =
      quant::calibration_set(o.inputs, inputs, o.samples.options(), reference_engine.work_dir());
  const quant::ModelComparison c = quant::compare_models(reference.proto, candidate.proto, inputs,
                                                         set, reference_engine, candidate_engine);
  // With --json -, stdout carries the JSON alone and the table goes to stderr.
  std::ostream& table = json_to_stdout(o.json) ? std::cerr : std::cout;
  table << "reference " << o.run.model << " on " << o.run.engine << ", candidate " << o.candidate
        << " on " << candidate_engine_name << "; inputs: " << set.description << "\n";
  print_comparison(table, c, o.worst);
  if (!o.csv.empty()) write_comparison_csv(o.csv, c);
  nlohmann::json record = comparison_json(c, reference.proto.graph());
  record["reference"] = {
      {"path", o.run.model}, {"sha256", reference.sha256}, {"engine", o.run.engine}};
  record["candidate"] = {
      {"path", o.candidate}, {"sha256", candidate.sha256}, {"engine", candidate_engine_name}};
  if (!reference_prepared.empty()) record["reference"]["prepared"] = reference_prepared;
  if (!candidate_prepared.empty()) record["candidate"]["prepared"] = candidate_prepared;
  record["inputs"] = set.description;
  write_json_option(o.json, record, 1);
  store::RecordKey key;
  key.model_sha256 = reference.sha256;
  key.engine = o.run.engine;
  key.config = {{"candidate_sha256", candidate.sha256}, {"inputs", set.description}};
  save_record(o.store, "compare", record, key);
}

}  // namespace

void add_compare(CLI::App& app) {
  auto o = std::make_shared<CompareOptions>();
  auto* cmd = app.add_subcommand(
      "compare",
      "Run a reference and a candidate model (quantized, fp16, transformed) on the same inputs "
      "with every intermediate tensor exposed, and compare each tensor of the reference with the "
      "candidate's: the tensor of the same name or, in a QDQ model, its dequantized value. The "
      "output rows come from a second run of both models as they are (exposing tensors stops "
      "an engine fusing nodes). "
      "Reports cosine similarity, SQNR (dB), MSE and max abs error per tensor, worst first, and "
      "for class-score outputs the top-1 agreement and top-5 overlap.");
  cmd->add_option("REF", o->run.model, "reference ONNX model")->required();
  cmd->add_option("CAND", o->candidate, "candidate ONNX model")->required();
  cmd->add_option(
         "--inputs", o->inputs,
         "inputs: a .npy file of samples along its first axis, a folder of .npy/.pb "
         "files (one sample each), a folder of sample folders, a folder of images (as quantize "
         "reads them), or random:N; below " +
             std::to_string(kEnoughCompareSamples) +
             " samples the output says how little the "
             "figures rest on")
      ->capture_default_str();
  add_sample_options(*cmd, o->samples, "--batch");
  add_engine_option(*cmd, o->run.engine, "engine for both models");
  cmd->add_option("--candidate-engine", o->candidate_engine,
                  "engine for the candidate when it differs (e.g. the same model on OpenCV)")
      ->check(known_engine());
  cmd->add_option("--worst", o->worst, "how many of the worst tensors to show; 0 for all")
      ->capture_default_str();
  cmd->add_option("--csv", o->csv, "write every tensor's figures as CSV");
  add_json_option(*cmd, o->json, "every tensor's figures");
  add_runner_limit_options(*cmd, o->run);
  add_store_option(*cmd, o->store);
  cmd->callback([o] { run_compare(*o); });
}

}  // namespace onnxbench::cli
