// onnxbench results: the records in the store, filtered, as a table, CSV or JSON.
#include <iostream>
#include <map>
#include <sstream>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/store_options.h"
#include "core/csv.h"
#include "core/error.h"
#include "core/file_io.h"
#include "report/table.h"
#include "store/record_names.h"

namespace onnxbench::cli {
namespace {

struct ResultsOptions {
  StoreOption store;
  store::RecordQuery query;
  std::string json_path, csv_path;
};

// One number that says what the record measured, for the table and the CSV.
std::string summary(const store::Record& r) {
  const auto& b = r.body;
  const auto number = [&](const char* pointer) -> const nlohmann::json* {
    const nlohmann::json::json_pointer p(pointer);
    return b.contains(p) && b.at(p).is_number() ? &b.at(p) : nullptr;
  };
  if (auto* t = number("/throughput_per_s"); t && number("/measure/latency_ms/p50"))
    return fixed(t->get<double>(), 1) + "/s, p50 " +
           fixed(number("/measure/latency_ms/p50")->get<double>(), 3) + " ms";
  if (auto* t = number("/total_us/mean")) return "mean " + fixed(t->get<double>(), 1) + " us";
  if (b.contains("tensors") && b["tensors"].is_array())
    return std::to_string(b["tensors"].size()) + " tensors compared";
  if (auto* t = number("/macs")) return std::to_string(t->get<long long>()) + " MACs";
  if (auto* t = number("/macs/total")) return std::to_string(t->get<long long>()) + " MACs";
  if (auto* t = number("/all_quantized_db"))
    return "all int8 " + fixed(t->get<double>(), 1) + " dB, " +
           std::to_string(b.value("kept_float", nlohmann::json::array()).size()) +
           " layer(s) kept float";
  if (auto* t = number("/run/scores/classes/macro/f1"))
    return "F1 macro " + fixed(t->get<double>(), 4);
  if (auto* t = number("/run/scores/coco/AP")) return "mAP " + fixed(t->get<double>(), 3);
  return "-";
}

void run_results(const ResultsOptions& o) {
  auto s = open_store_option(o.store);
  const auto records = s->records(o.query);
  // Models by the name they were submitted under (issue 22), an artifact's records (int8) as a
  // precision of that model.
  std::map<std::string, std::string> names;
  for (const auto& m : s->models()) names[m.sha256] = m.name;
  const auto model_of = [&](const store::Record& r) {
    const auto it = names.find(r.key.model_sha256);
    return it == names.end() ? r.key.model_sha256.substr(0, 12) : it->second;
  };
  if (!o.json_path.empty()) {
    nlohmann::json out = nlohmann::json::array();
    for (auto r : records) {
      store::name_record(r.body, r.key.model_sha256, names);
      out.push_back({{"id", r.id},
                     {"kind", r.key.kind},
                     {"model_sha256", r.key.model_sha256},
                     {"model", model_of(r)},
                     {"engine", r.key.engine},
                     {"host", r.key.host},
                     {"created_at", r.key.created_at},
                     {"config", r.key.config},
                     {"task_id", r.task_id ? nlohmann::json(*r.task_id) : nlohmann::json()},
                     {"run", r.run},
                     {"record", r.body}});
    }
    write_json_option(o.json_path, out);
  }
  const std::vector<std::string> header = {"id",        "created_at", "kind", "model",
                                           "precision", "engine",     "host", "summary"};
  auto row = [&](const store::Record& r) {
    return std::vector<std::string>{
        std::to_string(r.id),           r.key.created_at, r.key.kind, model_of(r),
        store::precision_label(r.body), r.key.engine,     r.key.host, summary(r)};
  };
  if (!o.csv_path.empty()) {
    // The CSV also carries the whole sha256, after the name.
    std::ostringstream csv;
    for (std::size_t i = 0; i < header.size(); ++i)
      csv << (i ? "," : "") << header[i] << (header[i] == "model" ? ",model_sha256" : "");
    csv << "\n";
    for (const auto& r : records) {
      auto cells = row(r);
      cells.insert(cells.begin() + 4, r.key.model_sha256);
      for (std::size_t i = 0; i < cells.size(); ++i) csv << (i ? "," : "") << csv_field(cells[i]);
      csv << "\n";
    }
    if (o.csv_path == "-")
      std::cout << csv.str();
    else
      write_file(o.csv_path, csv.str());
  }
  if (o.json_path == "-" || o.csv_path == "-") return;
  TextTable table(header);
  for (const auto& r : records) table.add_row(row(r));
  table.print(std::cout);
  std::cout << records.size() << " record(s) in " << s->url() << "\n";
}

}  // namespace

void add_results(CLI::App& app) {
  auto o = std::make_shared<ResultsOptions>();
  auto* cmd = app.add_subcommand("results", "List the records saved in the store.");
  add_store_read_option(*cmd, o->store, "the records to list");
  cmd->add_option("--model", o->query.model, "a submitted model's name or a sha256 prefix");
  cmd->add_option("--kind", o->query.kind, "bench, profile, compare, tune, inspect, ...");
  cmd->add_option("--engine", o->query.engine, "onnxruntime or opencv");
  cmd->add_option("--since", o->query.since, "records from this UTC time on (2026-12-01T10:00Z)");
  add_json_option(*cmd, o->json_path, "the records");
  cmd->add_option("--csv", o->csv_path, "write the table as CSV to FILE ('-' = stdout)")
      ->type_name("FILE");
  cmd->callback([o] { run_results(*o); });
}

}  // namespace onnxbench::cli
