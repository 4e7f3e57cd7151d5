// onnxbench report RECORD...: one self-contained HTML file with the views of the records given.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "core/file_io.h"
#include "report/html_report.h"
#include "report/report_inputs.h"

namespace onnxbench::cli {
namespace {

struct ReportOptions {
  std::vector<std::string> inputs;
  std::string out = "report.html", title = "onnxbench report";
};

void run_report(const ReportOptions& o) {
  const nlohmann::json records = read_report_inputs(o.inputs);
  write_file(o.out, report_html(records, o.title));
  std::cout << "report: " << records.size() << " record(s) from " << o.inputs.size()
            << " file(s) in " << o.out << " (open it in a browser; it needs no network)\n";
}

}  // namespace

void add_report(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand(
      "report",
      "Write one self-contained HTML file (works offline) with the views of the records given: "
      "model pages (latency across engines and configs, histogram and CDF), per-layer profiles, "
      "quantization per tensor and layer sensitivity, accuracy or throughput against latency "
      "with the Pareto front, and tuner trials with the LUT.");
  cmd->add_option("RECORD", o->inputs,
                  "records: bench/profile/compare --json, quantize --analyze-json and eval JSON "
                  "files, tune trials (.jsonl) and LUTs (.csv)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", o->out, "the HTML file to write")->capture_default_str();
  cmd->add_option("--title", o->title, "the page title")->capture_default_str();
  cmd->callback([o] { run_report(*o); });
}

}  // namespace onnxbench::cli
