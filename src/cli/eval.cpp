// onnxbench eval MODEL --data DATASET: the task metric of a model on labelled data (top-1/top-5
// and F1, COCO mAP, pixel F1), and with --compare the same for a second model on the same
// samples, with the differences' bootstrap intervals.
#include <iostream>

#include "bench/engine_preparation.h"
#include "bench/model_under_test.h"
#include "bench/session.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/engine_options.h"
#include "cli/open_model.h"
#include "cli/progress.h"
#include "cli/store_options.h"
#include "cli/validators.h"
#include "core/csv.h"
#include "core/error.h"
#include "core/file_io.h"
#include "eval/eval_run.h"
#include "report/eval_report.h"
#include "report/table.h"

namespace onnxbench::cli {
namespace {

struct EvalCommandOptions {
  EngineCommandOptions run;  // model, engine, threads, knobs, batch, runner limits
  eval::DataOptions data;
  std::size_t subset = 0;
  std::uint64_t subset_seed = 1;
  std::string preprocess = "plain", json_path, predictions_path, yolo;
  std::int64_t label_offset = 0, ignore_label = 255;
  float confidence = 0.001f, iou = 0.6f;
  std::size_t max_detections = 300;
  std::string compare, compare_engine;
  int resamples = 1000;
  std::string from_outputs, dump_outputs;
  std::vector<std::string> raw_shapes;
  StoreOption store;
};

struct ModelRun {
  eval::Predictions predictions;
  eval::Scores scores;
  eval::EvalTiming timing;
  std::string model_sha256;
};

// `first`: the MODEL argument, which --from-outputs and --dump-outputs are about.
ModelRun run_model(const std::string& model_path, const std::string& engine_name,
                   const EvalCommandOptions& o, const eval::Dataset& d, const eval::EvalOptions& eo,
                   bool first) {
  ModelRun r;
  const model::LoadedModel loaded = open_model(model_path);
  r.model_sha256 = loaded.sha256;
  const eval::InputPlan plan = eval::plan_input(model_under_test(loaded).inputs, d, eo);
  eval::OutputSource source;
  if (first)
    source = {nullptr, o.from_outputs, eval::parse_raw_shapes(o.raw_shapes), o.dump_outputs};
  eval::check_output_folders(source, d);
  std::unique_ptr<Engine> engine;
  if (source.from_dir.empty()) {
    engine = std::make_unique<Engine>(engine_name, o.run.limits(), o.run.runner_host());
    ModelUnderTest prepared = prepared_model(loaded, engine->info().engine, engine->work_dir());
    load_into_engine(*engine, prepared, 1, engine_options(engine->info(), o.run.settings()));
    source.engine = engine.get();
  }
  {
    ProgressLine progress(static_cast<long long>(d.samples.size()), 0, "samples");
    r.predictions = eval::run_eval(
        source, plan, d, eo,
        [&](std::size_t done, std::size_t) {
          progress.count("eval", static_cast<long long>(done));
        },
        &r.timing);
  }
  r.scores = eval::score(r.predictions, d.coco.get());
  return r;
}

nlohmann::json run_json(const std::string& model, const std::string& engine, const ModelRun& r) {
  return {{"model", model},
          {"engine", engine},
          {"scores", to_json(r.scores)},
          {"timing",
           {{"wall_s", r.timing.wall_s},
            {"engine_s", r.timing.engine_s},
            {"samples_per_s", r.timing.samples / r.timing.wall_s}}}};
}

void write_predictions(const std::string& path, const eval::Dataset& d, const ModelRun& r) {
  if (d.task == eval::Task::kDetection) {
    eval::write_coco_results(path, eval::all_detections(r.predictions));
    return;
  }
  if (d.task != eval::Task::kClassification)
    throw InputError("--predictions: written for classification and detection only");
  std::string csv = "sample,label,top1,top5\n";
  for (std::size_t i = 0; i < r.predictions.labels.size(); ++i) {
    std::string top5;
    for (auto c : r.predictions.rankings[i]) top5 += (top5.empty() ? "" : " ") + std::to_string(c);
    csv += csv_field(d.samples[i].name) + "," + std::to_string(r.predictions.labels[i]) + "," +
           std::to_string(r.predictions.rankings[i][0]) + "," + top5 + "\n";
  }
  write_file(path, csv);
}

// The one number the report's accuracy-against-latency view plots for a task.
std::pair<std::string, double> headline_metric(const eval::Scores& s) {
  switch (s.task) {
    case eval::Task::kDetection:
      return {"mAP", s.coco.stats[0]};
    case eval::Task::kSegmentation:
      return {"pixel F1 (macro)", s.classes.macro.f1};
    case eval::Task::kClassification:
      break;
  }
  return {"top-1", s.top1};
}

void run(const EvalCommandOptions& o) {
  if (!o.run.inputs.empty()) throw InputError("eval takes its inputs from --data, not --input");
  if (!o.from_outputs.empty() && !o.compare.empty())
    throw InputError("--from-outputs scores one set of outputs; --compare runs a second model");
  eval::EvalOptions eo;
  eo.batch = o.run.batch > 0 ? o.run.batch : 1;
  eo.preprocess = eval::preprocess_spec(o.preprocess);
  eo.label_offset = o.label_offset;
  eo.ignore_label = o.ignore_label;
  eo.yolo = {o.yolo.empty() ? eval::YoloLayout::kV8 : eval::yolo_layout(o.yolo), o.confidence,
             o.iou, o.max_detections};
  eval::Dataset d =
      eval::subset(eval::open_dataset(o.data), o.subset ? o.subset : SIZE_MAX, o.subset_seed);
  if (d.task == eval::Task::kDetection && o.yolo.empty())
    throw InputError("--data " + d.path +
                     " is a detection set: say how to read the outputs with "
                     "--yolo v5, v8 or grid");
  const bool quiet = json_to_stdout(o.json_path);
  const std::string engine_name =
      o.from_outputs.empty() ? o.run.engine : "outputs from " + o.from_outputs;
  const ModelRun a = run_model(o.run.model, o.run.engine, o, d, eo, true);
  if (!quiet)  // after the first run, so that bad input gives one error line alone
    std::cout << "data: " << d.kind << " " << d.path << ", " << d.samples.size() << " samples"
              << (o.subset ? " (seeded subset, seed " + std::to_string(o.subset_seed) + ")" : "")
              << "\npreprocess: " << eo.preprocess.to_json().dump() << "\n";
  nlohmann::json record{{"data",
                         {{"path", d.path},
                          {"kind", d.kind},
                          {"samples", d.samples.size()},
                          {"subset_seed", o.subset ? nlohmann::json(o.subset_seed) : nullptr}}},
                        {"preprocess", eo.preprocess.to_json()},
                        {"batch", eo.batch},
                        {"run", run_json(o.run.model, engine_name, a)}};
  // The fields every record kind shares (model, engine), so that report and results read it.
  const std::string& sha256 = a.model_sha256;
  const auto [metric, value] = headline_metric(a.scores);
  record["kind"] = "accuracy";
  record["model"] = {{"path", o.run.model}, {"sha256", sha256}};
  record["engine"] = {{"name", engine_name}};
  if (o.from_outputs.empty()) record["device"] = o.run.runner_host()->describe();
  record["metric"] = metric;
  record["value"] = value;
  if (!quiet) {
    std::cout << o.run.model << " on " << engine_name << ": "
              << fixed(a.timing.samples / a.timing.wall_s, 1) << " samples/s\n";
    print_scores(std::cout, a.scores);
  }
  if (!o.predictions_path.empty()) write_predictions(o.predictions_path, d, a);
  if (!o.compare.empty()) {
    const std::string engine = o.compare_engine.empty() ? o.run.engine : o.compare_engine;
    const ModelRun b = run_model(o.compare, engine, o, d, eo, false);
    const eval::Comparison c =
        eval::compare(a.predictions, b.predictions, d.coco.get(), o.run.seed, o.resamples);
    record["compare_run"] = run_json(o.compare, engine, b);
    record["comparison"] = to_json(c);
    if (!quiet) {
      std::cout << "\n" << o.compare << " on " << engine << ":\n";
      print_scores(std::cout, b.scores);
      std::cout << "\n";
      print_comparison(std::cout, c, o.run.model + " (" + o.run.engine + ")",
                       o.compare + " (" + engine + ")");
    }
  }
  write_json_option(o.json_path, record);
  store::RecordKey key;
  key.model_sha256 = sha256;
  key.engine = engine_name;
  key.config = {
      {"data", d.path}, {"samples", d.samples.size()}, {"preprocess", record["preprocess"]}};
  save_record(o.store, "accuracy", record, key);
}

}  // namespace

void add_eval(CLI::App& app) {
  auto o = std::make_shared<EvalCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "eval",
      "Score a model on labelled data: top-1/top-5 and F1 (classification), COCO box mAP "
      "(detection), pixel F1 (segmentation); --compare scores a second model on the same samples.");
  add_engine_options(*cmd, o->run, {.settings = true, .instances = false});
  cmd->add_option("--data", o->data.path,
                  "class folders, a label list (.txt/.csv), IDX images, .npy inputs, COCO "
                  "instances .json, or a folder of N.png + N_seg.png")
      ->required();
  cmd->add_option("--labels", o->data.labels, "labels file for IDX or .npy inputs");
  cmd->add_option("--images", o->data.images,
                  "COCO image folder (default: images/ beside the JSON when it exists, else the "
                  "JSON's folder)");
  cmd->add_option("--subset", o->subset, "score a seeded subset of N samples")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--subset-seed", o->subset_seed, "seed of --subset")->capture_default_str();
  cmd->add_option("--preprocess", o->preprocess,
                  "preset (plain, torchvision, yolo) or a JSON spec file")
      ->capture_default_str();
  cmd->add_option("--label-offset", o->label_offset,
                  "model class = label + offset (1 for 1001-class models with a background class)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--ignore-label", o->ignore_label, "mask value left out of pixel F1")
      ->capture_default_str();
  cmd->add_option("--yolo", o->yolo, "detection output layout: v5, v8 or grid");
  cmd->add_option("--conf", o->confidence, "detection confidence threshold")->capture_default_str();
  cmd->add_option("--iou", o->iou, "NMS IoU threshold")->capture_default_str();
  cmd->add_option("--max-det", o->max_detections, "detections kept per image")
      ->capture_default_str();
  add_json_option(*cmd, o->json_path, "the record");
  add_store_option(*cmd, o->store);
  cmd->add_option("--predictions", o->predictions_path,
                  "per-sample predictions: CSV (classification) or COCO results JSON (detection)");
  cmd->add_option("--from-outputs", o->from_outputs,
                  "score outputs computed elsewhere instead of running an engine: DIR/Result_N/"
                  "<output>.npy or .raw per sample N (the data set's order)");
  cmd->add_option("--raw-shape", o->raw_shapes,
                  "shape of a .raw output of --from-outputs, NAME=DIMS (e.g. output0=1x84x8400)");
  cmd->add_option("--dump-outputs", o->dump_outputs,
                  "keep every sample's outputs as DIR/Result_N/<output>.npy (--from-outputs reads "
                  "them back)");
  cmd->add_option("--compare", o->compare, "a second model (e.g. the int8 one) to score likewise");
  cmd->add_option("--compare-engine", o->compare_engine, "its engine (default: --engine)")
      ->check(known_engine());
  cmd->add_option("--resamples", o->resamples, "bootstrap resamples of the comparison")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([o] { run(*o); });
}

}  // namespace onnxbench::cli
