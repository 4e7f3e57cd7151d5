// onnxbench report RECORD...: one self-contained HTML file with the views of the records given.
#include <iostream>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/store_options.h"
#include "core/error.h"
#include "core/file_io.h"
#include "report/html_report.h"
#include "report/report_inputs.h"
#include "store/record_names.h"

namespace onnxbench::cli {
namespace {

struct ReportOptions {
  std::vector<std::string> inputs, models;
  StoreOption store;
  std::string out = "report.html", title = "onnxbench report";
};

// The store's records of the models asked for (every model when none is), as report reads files:
// tune trials (one record each in the store) gathered per model and engine as a trials file
// gives them; kinds no view draws (inspect) left out, and said so.
void add_store_records(const ReportOptions& o, nlohmann::json& out) {
  auto store = open_store_option(o.store);
  std::map<std::string, std::string> names;
  for (const auto& m : store->models()) names[m.sha256] = m.name;
  std::vector<std::string> models = o.models;
  if (models.empty()) models.push_back("");
  std::map<std::string, nlohmann::json> trials;  // "model.engine" -> trial records
  std::map<std::string, int> left_out;
  for (const auto& model : models) {
    store::RecordQuery query;
    query.model = model;
    for (auto& r : store->records(query)) {
      // A fleet stage stores its record under the command's name (eval); the body says its kind.
      const std::string kind =
          r.body.is_object() && r.body.value("kind", nlohmann::json()).is_string()
              ? r.body["kind"].get<std::string>()
              : r.key.kind;
      if (kind == "tune") {
        const auto name = names.find(r.key.model_sha256);
        trials[(name == names.end() ? r.key.model_sha256.substr(0, 12) : name->second) + "." +
               r.key.engine]
            .push_back(r.body);
      } else if (report_draws(kind)) {
        if (r.body.is_object() && !r.body.contains("kind")) r.body["kind"] = kind;
        store::name_record(r.body, r.key.model_sha256, names);
        add_report_record(r.body, store->url() + ": record " + std::to_string(r.id), store->url(),
                          out);
      } else {
        ++left_out[kind];
      }
    }
  }
  for (auto& [name, list] : trials)
    out.push_back({{"kind", "tune"}, {"source", store->url()}, {"name", name}, {"trials", list}});
  for (const auto& [kind, n] : left_out)
    std::cout << "report: left out " << n << " " << kind << " record(s): no view draws them\n";
}

void run_report(const ReportOptions& o) {
  if (o.inputs.empty() && !o.store.given())
    throw InputError("report needs RECORD files or --store URL (with --model M to choose)");
  nlohmann::json records = read_report_inputs(o.inputs);
  if (o.store.given()) add_store_records(o, records);
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
      ->check(CLI::ExistingFile);
  add_store_read_option(*cmd, o->store, "the records to draw");
  cmd->add_option("--model", o->models,
                  "with --store: the records of this model only (name or sha256 prefix; "
                  "repeatable)");
  add_out_option(*cmd, o->out, "the HTML file to write")->capture_default_str();
  cmd->add_option("--title", o->title, "the page title")->capture_default_str();
  cmd->callback([o] { run_report(*o); });
}

}  // namespace onnxbench::cli
