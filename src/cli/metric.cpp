// onnxbench metric coco --gt GT.json --dt RESULTS.json: COCO's 12 box mAP numbers for detections
// made anywhere, by the same code that eval uses.
#include <iostream>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "core/file_io.h"
#include "eval/coco_eval.h"
#include "report/eval_report.h"

namespace onnxbench::cli {
namespace {

struct CocoMetricOptions {
  std::string gt, dt, json_path;
};

void run_coco(const CocoMetricOptions& o) {
  const eval::CocoGroundTruth gt = eval::read_coco_ground_truth(o.gt);
  const auto dt = eval::read_coco_results(o.dt, gt);
  const eval::CocoSummary s = eval::coco_evaluate(gt, dt);
  nlohmann::json record{{"gt", o.gt},
                        {"dt", o.dt},
                        {"images", gt.images.size()},
                        {"detections", dt.size()},
                        {"coco", to_json(s)}};
  write_json_option(o.json_path, record);
  if (json_to_stdout(o.json_path)) return;
  std::cout << "COCO box mAP: " << dt.size() << " detections on " << gt.images.size()
            << " images\n";
  print_coco(std::cout, s);
}

}  // namespace

void add_metric(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("metric", "Score predictions made elsewhere.");
  cmd->require_subcommand(1);
  auto o = std::make_shared<CocoMetricOptions>();
  CLI::App* coco = cmd->add_subcommand(
      "coco", "COCO box mAP (pycocotools' 12 summary numbers) of a results file.");
  coco->add_option("--gt", o->gt, "COCO instances JSON (images, categories, annotations)")
      ->required();
  coco->add_option("--dt", o->dt, "COCO results JSON [{image_id, category_id, bbox, score}]")
      ->required();
  add_json_option(*coco, o->json_path, "the record");
  coco->callback([o] { run_coco(*o); });
}

}  // namespace onnxbench::cli
