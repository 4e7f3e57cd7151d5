// onnxbench metric coco --gt GT.json --dt RESULTS.json: COCO's 12 box mAP numbers for detections
// made anywhere, by the same code that eval uses.
#include <iostream>

#include "cli/commands.h"
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
  if (o.json_path == "-") {
    std::cout << record.dump(2) << "\n";
    return;
  }
  std::cout << "COCO box mAP: " << dt.size() << " detections on " << gt.images.size()
            << " images\n";
  print_coco(std::cout, s);
  if (!o.json_path.empty()) write_file(o.json_path, record.dump(2) + "\n");
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
  coco->add_option("--json", o->json_path, "write the record as JSON to FILE ('-' = stdout)");
  coco->callback([o] { run_coco(*o); });
}

}  // namespace onnxbench::cli
