// onnxbench quantize MODEL --calib DATA -o OUT: calibrate the activations' ranges on an engine,
// then write a QDQ model (int8 weights, 8- or 16-bit activations) that ONNX Runtime runs with
// integer kernels.
#include <iostream>
#include <memory>

#include "bench/model_under_test.h"
#include "cli/commands.h"
#include "cli/engine_options.h"
#include "cli/open_model.h"
#include "cli/output_paths.h"
#include "cli/progress.h"
#include "cli/sample_options.h"
#include "cli/store_options.h"
#include "cli/temporary_file.h"
#include "core/error.h"
#include "core/file_io.h"
#include "graph/builder.h"
#include "graph/loader.h"
#include "graph/model_check.h"
#include "passes/passes.h"
#include "passes/transform.h"
#include "quant/calibration_table.h"
#include "quant/collect.h"
#include "quant/output_sqnr.h"
#include "quant/qdq_rewrite.h"
#include "quant/sensitivity.h"
#include "report/sensitivity_json.h"
#include "report/table.h"

namespace onnxbench::cli {
namespace {

struct QuantizeOptions {
  EngineCommandOptions run;  // model, engine, runner limits, --seed
  std::string out, calib, calib_table, save_calib_table;
  std::string method = "minmax";
  double percentile = 99.999;
  int activation_bits = 8;
  bool symmetric_activations = false;
  bool per_tensor = false;
  SampleCommandOptions samples;
  std::vector<std::string> float_nodes, float_ops;
  bool analyze = false;
  double target_sqnr_db = 30;
  std::string eval, analyze_json;
  StoreOption store;  // saves the --analyze record
};

quant::CalibrationTable calibrate(const QuantizeOptions& o, const model::LoadedModel& loaded,
                                  const quant::CalibrationOptions& options) {
  Engine engine(o.run.engine, o.run.limits(), o.run.runner_host());
  const auto inputs = model_under_test(loaded).inputs;
  const quant::CalibrationSet set =
      quant::calibration_set(o.calib, inputs, o.samples.options(), engine.work_dir());
  if (set.random)
    std::cerr << "onnxbench: warning: calibrating on random data: the ranges say little about "
                 "real inputs; give real samples with --calib for a model you will deploy\n";
  const auto histograms = [&] {
    ProgressLine progress(static_cast<long long>(set.samples.size()), 0, "samples");
    return quant::collect_histograms(loaded.proto, inputs, set, engine,
                                     [&](std::size_t done, std::size_t) {
                                       progress.count("calibrate", static_cast<long long>(done));
                                     });
  }();  // the progress line is cleared before the summary
  std::cout << "calibration: " << set.description << " on " << o.run.engine << ", method "
            << o.method << "\n";
  quant::CalibrationTable table = quant::calibration_table(histograms, options);
  table.samples = static_cast<std::int64_t>(set.samples.size());
  table.model_sha256 = loaded.sha256;
  return table;
}

// Per-layer sensitivity on the --eval samples (default: the calibration data), and the mixed
// model that reaches the target SQNR.
onnx::ModelProto analyze(const QuantizeOptions& o, const model::LoadedModel& loaded,
                         const quant::CalibrationTable& table, const quant::QdqOptions& qdq) {
  const std::string data = o.eval.empty() ? o.calib : o.eval;
  if (data.empty())
    throw InputError("--analyze needs evaluation samples: --eval DATA (or --calib DATA)");
  Engine engine(o.run.engine, o.run.limits(), o.run.runner_host());
  const auto inputs = model_under_test(loaded).inputs;
  const quant::CalibrationSet set =
      quant::calibration_set(data, inputs, o.samples.options(), engine.work_dir());
  std::cout << "sensitivity: output SQNR against the float model on " << set.description << "\n";
  quant::OutputSqnrOnEngine sqnr(loaded.proto, inputs, set, engine);
  const quant::SensitivityResult r = [&] {
    ProgressLine progress(0, 0, "models measured");
    return quant::analyze_sensitivity(loaded.proto, table.ranges(), qdq, o.target_sqnr_db,
                                      std::ref(sqnr),
                                      [&](const std::string&, std::size_t done, std::size_t) {
                                        progress.count("analyze", static_cast<long long>(done));
                                      });
  }();  // the progress line is cleared before the table
  std::cout << "all layers quantized: " << fixed(r.all_quantized_db, 1) << " dB\n";
  TextTable layers({"layer", "op", "only this quantized dB", "all but this dB"});
  for (const auto& l : r.layers)
    layers.add_row({l.node, l.op_type, fixed(l.only_this_db, 1), fixed(l.all_but_this_db, 1)});
  layers.print(std::cout);
  std::cout << "mixed precision for " << fixed(o.target_sqnr_db, 1) << " dB: ";
  if (r.kept_float.empty()) {
    std::cout << "every layer quantized already reaches it\n";
  } else {
    std::cout << r.kept_float.size() << " layer(s) kept in float (";
    for (std::size_t i = 0; i < r.kept_float.size(); ++i)
      std::cout << (i ? ", " : "") << r.kept_float[i];
    std::cout << "): " << fixed(r.mixed_db, 1) << " dB"
              << (r.target_reached ? "" : " (the target is not reached even so)") << "\n";
  }
  const nlohmann::json record = sensitivity_json(
      r, {o.run.model, loaded.sha256, o.run.engine, set.description, o.target_sqnr_db});
  if (!o.analyze_json.empty()) write_file(o.analyze_json, record.dump(1) + "\n");
  save_record(o.store, "sensitivity", record);
  return r.mixed;
}

// A raw export hides constants behind Identity and Constant nodes, and quantize can only
// quantize the weights and biases it sees as initializers: say so before calibrating.
void warn_if_not_simplified(const model::LoadedModel& loaded) {
  onnx::ModelProto copy = loaded.proto;
  model::PassReport report;
  try {
    report = model::simplify_pass()->run(copy);
  } catch (const InputError&) {
    return;  // nothing to simplify (or simplify cannot apply): nothing to say
  }
  std::string changes;
  for (const auto& [kind, count] : report.changes)
    changes += (changes.empty() ? "" : ", ") + kind + " " + std::to_string(count);
  std::cerr << "onnxbench: warning: " << loaded.path << " is not simplified (" << changes
            << "): weights and biases behind Identity or Constant nodes stay in float; run "
               "'onnxbench transform "
            << loaded.path << " --pass simplify -o SIMPLE.onnx' and quantize that\n";
}

void run_quantize(const QuantizeOptions& o) {
  if (o.calib.empty() == o.calib_table.empty())
    throw InputError(
        "quantize needs calibration data: --calib DATA or --calib-table FILE "
        "(one of them)");
  if (o.store.given() && !o.analyze)
    throw InputError("--store saves the record of --analyze; give --analyze too");
  check_output_file(o.out, "-o");
  check_not_input(o.out, "-o", o.run.model);
  check_output_file(o.save_calib_table, "--save-calib-table");
  if (o.calib.rfind("random:", 0) != 0) check_input_exists(o.calib, "--calib");
  check_input_exists(o.calib_table, "--calib-table");
  if (o.eval.rfind("random:", 0) != 0) check_input_exists(o.eval, "--eval");
  quant::CalibrationOptions calibration;
  calibration.method = quant::calibration_method_from_name(o.method);
  calibration.percentile = o.percentile;
  calibration.symmetric = o.symmetric_activations;
  calibration.type = {o.activation_bits, o.symmetric_activations};

  model::LoadedModel loaded = open_model(o.run.model);
  add_shapes_if_needed(loaded, o.run.input_request(), o.run.limits());  // to expose every tensor
  quant::QdqOptions qdq;
  qdq.activation_type = calibration.type;
  qdq.symmetric_activations = o.symmetric_activations;
  qdq.per_channel = !o.per_tensor;
  qdq.float_nodes = {o.float_nodes.begin(), o.float_nodes.end()};
  qdq.float_op_types = {o.float_ops.begin(), o.float_ops.end()};
  quant::check_quantizable(loaded.proto, qdq);
  warn_if_not_simplified(loaded);
  quant::CalibrationTable table;
  if (!o.calib_table.empty()) {
    table = quant::read_calibration_table(o.calib_table);
    if (!table.model_sha256.empty() && table.model_sha256 != loaded.sha256)
      std::cerr << "onnxbench: warning: " << o.calib_table << " was made for another model file "
                << "(sha256 differs); tensors it lacks stay in float\n";
  } else {
    table = calibrate(o, loaded, calibration);
  }
  if (!o.save_calib_table.empty()) {
    quant::write_calibration_table(o.save_calib_table, table);
    std::cout << "calibration table: " << table.tensors.size() << " tensors -> "
              << o.save_calib_table << "\n";
  }

  onnx::ModelProto quantized = loaded.proto;
  const quant::QdqReport report = quant::quantize_qdq(quantized, table.ranges(), qdq);
  if (const std::string problem = model::model_problem(quantized); !problem.empty())
    throw Error("the quantized model " + problem + " (a bug in quantize; please report it)");

  std::cout << "quantized nodes: " << report.quantized_nodes
            << "\nactivations with QuantizeLinear/DequantizeLinear: "
            << report.quantized_activations << " (" << (calibration.type.is_signed ? "int" : "uint")
            << o.activation_bits << (o.symmetric_activations ? ", symmetric" : ", asymmetric")
            << ")"
            << "\nweights: " << report.quantized_weights << " (int8, "
            << (o.per_tensor ? "per tensor" : "per channel") << ")"
            << "\nbiases: " << report.quantized_biases << " (int32)"
            << "\nRelu/Clip folded into the QuantizeLinear before them: "
            << report.folded_activations << "\n";
  for (const auto& note : report.notes) std::cout << "note: " << note << "\n";
  if (o.analyze) quantized = analyze(o, loaded, table, qdq);
  TemporaryFile written(o.out + ".tmp");
  model::save_model(quantized, written.path());
  written.move_to(o.out);
  std::cout << "wrote " << o.out << "\n";
}

}  // namespace

void add_quantize(CLI::App& app) {
  auto o = std::make_shared<QuantizeOptions>();
  auto* cmd = app.add_subcommand(
      "quantize",
      "Quantize a float model to QDQ form: calibrate each activation's range by running the model "
      "on calibration data (every intermediate tensor exposed), then write a model with int8 "
      "weights (per channel by default), int32 biases and QuantizeLinear/DequantizeLinear on the "
      "activations (uint8 asymmetric by default), which ONNX Runtime runs with integer kernels.\n"
      "Calibration data (--calib): a .npy file of samples along its first axis, a folder of .npy "
      "or .pb files (one sample each), a folder of sample folders laid out as ONNX's test data "
      "sets, a folder of images (PNG, JPEG, BMP, PPM; decoded as RGB, resized to the input's "
      "height and width, scaled to [0, 1], normalised by --image-mean and --image-std), or "
      "random:N (seeded random samples; a last resort, with a warning).");
  cmd->add_option("MODEL", o->run.model, "ONNX model file (float)")->required();
  cmd->add_option("-o,--out", o->out, "QDQ model to write (written whole or not at all)")
      ->required();
  cmd->add_option("--calib", o->calib, "calibration data (see above)");
  cmd->add_option("--calib-table", o->calib_table,
                  "reuse the ranges of a calibration table (from --save-calib-table) instead of "
                  "calibrating");
  cmd->add_option("--save-calib-table", o->save_calib_table,
                  "write the calibrated ranges as JSON, for --calib-table");
  cmd->add_option("--method", o->method,
                  "calibration method: minmax (the extremes seen), percentile (clip the tails "
                  "beyond --percentile), entropy (KL-divergence threshold), mse (least squared "
                  "quantization error)")
      ->capture_default_str()
      ->check(CLI::IsMember({"minmax", "percentile", "entropy", "mse"}));
  cmd->add_option("--percentile", o->percentile,
                  "for --method percentile: the share of values kept inside the range, in %")
      ->capture_default_str()
      ->check(CLI::Range(50.0, 100.0));
  cmd->add_option("--activation-bits", o->activation_bits,
                  "bitwidth of the activations: 8, or 16 (ONNX Runtime's own 16-bit "
                  "QuantizeLinear below opset 21)")
      ->capture_default_str()
      ->check(CLI::IsMember({8, 16}));
  cmd->add_flag("--symmetric-activations", o->symmetric_activations,
                "signed activations with zero point 0 (default: unsigned, asymmetric)");
  cmd->add_flag("--per-tensor", o->per_tensor,
                "one scale per weight tensor (default: one per output channel of Conv, "
                "ConvTranspose, Gemm and MatMul weights)");
  cmd->add_option("--float-nodes", o->float_nodes, "node names to leave in float (comma list)")
      ->delimiter(',');
  cmd->add_option("--float-ops", o->float_ops, "op types to leave in float, e.g. Add,Softmax")
      ->delimiter(',');
  add_sample_options(*cmd, o->samples, "--calib-batch,--batch");
  cmd->add_flag("--analyze", o->analyze,
                "per-layer sensitivity: the output SQNR against the float model with only each "
                "weighted layer quantized, and with all but it; then keep the fewest layers in "
                "float (most helpful first) that reach --target-sqnr, and write that model to -o");
  cmd->add_option("--target-sqnr", o->target_sqnr_db,
                  "for --analyze: the output SQNR (dB) the mixed-precision model must reach")
      ->capture_default_str();
  cmd->add_option("--eval", o->eval,
                  "for --analyze: samples to measure the SQNR on (as --calib; default: --calib)");
  cmd->add_option("--analyze-json", o->analyze_json,
                  "for --analyze: write the sensitivity record as JSON to FILE (for 'report')");
  add_store_option(*cmd, o->store);
  add_engine_option(*cmd, o->run.engine, "engine that runs the calibration");
  add_runner_limit_options(*cmd, o->run);
  cmd->callback([o] { run_quantize(*o); });
}

}  // namespace onnxbench::cli
