// onnxbench inspect MODEL: what a model is (inputs, outputs, ops, parameters, MACs).
#include "inspect/inspect.h"

#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/engine_options.h"
#include "cli/open_model.h"
#include "engines/qualcomm/dlc_inspect.h"
#include "graph/loader.h"
#include "inspect/macs.h"
#include "report/table.h"

namespace onnxbench::cli {
namespace {

struct InspectOptions {
  std::string model;
  EngineCommandOptions run;  // --dim and the runner's limits, for shapes from an engine run
  std::string json_path;
  bool per_node = false;
  std::uint64_t max_size = model::LoadLimits{}.max_file_bytes;
};

// Left-aligned columns separated by two spaces; the last column is not padded.
class Table {
 public:
  explicit Table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out, const std::string& indent) const {
    std::vector<std::size_t> width;
    for (const auto& row : rows_)
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (width.size() <= i) width.push_back(0);
        width[i] = std::max(width[i], row[i].size());
      }
    for (const auto& row : rows_) {
      std::string line = indent;
      for (std::size_t i = 0; i < row.size(); ++i) {
        line += row[i];
        if (i + 1 < row.size()) line += std::string(width[i] - row[i].size() + 2, ' ');
      }
      out << line << "\n";
    }
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

// 11689512 -> "11,689,512"
std::string with_commas(std::uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::string bytes_text(std::uint64_t bytes) {
  std::ostringstream s;
  s.precision(1);
  s << std::fixed;
  if (bytes >= (1u << 30))
    s << static_cast<double>(bytes) / (1u << 30) << " GiB";
  else if (bytes >= (1u << 20))
    s << static_cast<double>(bytes) / (1u << 20) << " MiB";
  else if (bytes >= 1024)
    s << static_cast<double>(bytes) / 1024 << " KiB";
  else
    s.str(std::to_string(bytes) + " B");
  return s.str();
}

std::string shape_text(const std::optional<model::Dims>& dims) {
  return dims ? model::dims_to_string(*dims) : std::string("unknown");
}

void print_values(std::ostream& out, const std::string& title,
                  const std::vector<model::ValueInfo>& values) {
  out << title << "\n";
  Table t({"name", "dtype", "shape"});
  for (const auto& v : values)
    t.add({v.name, v.dtype.empty() ? "-" : v.dtype, shape_text(v.shape)});
  t.print(out, "  ");
}

void print_console(std::ostream& out, const model::LoadedModel& loaded,
                   const model::ModelSummary& s, bool per_node) {
  out << "model       " << loaded.path << " (" << bytes_text(loaded.file_bytes);
  if (loaded.external_bytes) out << " + " << bytes_text(loaded.external_bytes) << " external data";
  out << ")\n";
  out << "sha256      " << loaded.sha256 << "\n";
  out << "producer    " << (s.producer.empty() ? "-" : s.producer) << "\n";
  out << "ir_version  " << s.ir_version << "\n";
  out << "opsets     ";
  for (const auto& [domain, version] : s.opsets)
    out << " " << (domain.empty() ? "ai.onnx" : domain) << " " << version;
  out << "\n\n";
  print_values(out, "inputs", s.inputs);
  print_values(out, "outputs", s.outputs);
  out << "\nops (" << s.node_count << " nodes)\n";
  std::vector<std::pair<std::string, int>> ops(s.op_histogram.begin(), s.op_histogram.end());
  std::stable_sort(ops.begin(), ops.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  Table hist({"op", "count"});
  for (const auto& [op, count] : ops) hist.add({op, std::to_string(count)});
  hist.print(out, "  ");
  out << "\nparameters  " << with_commas(s.parameter_count) << " (" << bytes_text(s.parameter_bytes)
      << ")\n";
  out << "MACs        " << model::macs_to_string(s.total_macs) << " (" << with_commas(s.total_macs)
      << ")\n";
  if (s.symbolic_dims_as_one) out << "  note: symbolic dimensions (e.g. batch) counted as 1\n";
  if (!s.unknown_macs_nodes.empty()) {
    out << "  note: " << s.unknown_macs_nodes.size()
        << " node(s) with unknown MACs, not in the total:";
    const std::size_t shown = std::min<std::size_t>(s.unknown_macs_nodes.size(), 10);
    for (std::size_t i = 0; i < shown; ++i) out << " " << s.unknown_macs_nodes[i];
    if (shown < s.unknown_macs_nodes.size()) out << " ...";
    out << (per_node ? "" : " (see --per-node)") << "\n";
  }
  if (!s.shape_inference_error.empty())
    out << "  note: shape inference stopped early: " << s.shape_inference_error << "\n";
  if (!s.shapes_from.empty()) out << "  note: shapes come from " << s.shapes_from << "\n";
  if (per_node) {
    out << "\nnodes\n";
    Table t({"name", "op", "output shape", "MACs"});
    for (const auto& n : s.nodes) {
      const std::string macs = n.macs ? with_commas(*n.macs) : "unknown (" + n.macs_note + ")";
      t.add({n.name, n.op_type, shape_text(n.output_shape), macs});
    }
    t.print(out, "  ");
  }
}

// A DLC (SNPE, QNN) is inspected by the SDK's own snpe-dlc-info.
void inspect_dlc(const InspectOptions& o) {
  const qualcomm::DlcInfo info = qualcomm::inspect_dlc(o.model);
  if (!o.json_path.empty()) {
    nlohmann::json j = qualcomm::dlc_info_to_json(info);
    j["path"] = o.model;
    write_json_option(o.json_path, j);
    if (json_to_stdout(o.json_path)) return;
  }
  std::cout << "DLC         " << o.model << "  (snpe-dlc-info)\n"
            << "parameters  " << with_commas(info.total_parameters) << "\n"
            << "MACs        " << model::macs_to_string(info.total_macs) << " ("
            << with_commas(info.total_macs) << ")\n\nlayers\n";
  TextTable t({"id", "name", "type", "out dims", "data type", "encoding"});
  for (const auto& l : info.layers) {
    std::string encoding;
    for (const auto& e : l.encodings)
      encoding += (encoding.empty() ? "" : "; ") + std::to_string(e.bitwidth) + " bit [" +
                  fixed(e.min, 4) + ", " + fixed(e.max, 4) + "] scale " + fixed(e.scale, 6) +
                  " offset " + std::to_string(e.offset);
    t.add_row({std::to_string(l.id), l.name, l.type, l.out_dims,
               l.data_types.empty() ? "" : l.data_types.back(), encoding});
  }
  t.print(std::cout, "  ");
}

void run_inspect(const InspectOptions& o) {
  if (o.model.ends_with(".dlc")) return inspect_dlc(o);
  model::LoadLimits limits;
  limits.max_file_bytes = o.max_size;
  model::LoadedModel loaded = open_model(o.model, limits);
  const std::string shapes_from =
      add_shapes_if_needed(loaded, o.run.input_request(), o.run.limits());
  model::ModelSummary summary = model::inspect_model(loaded.proto);
  if (!shapes_from.empty()) summary.shapes_from = shapes_from;
  if (!json_to_stdout(o.json_path)) print_console(std::cout, loaded, summary, o.per_node);
  if (!o.json_path.empty()) {
    nlohmann::json j;
    j["path"] = loaded.path;
    j["sha256"] = loaded.sha256;
    j["file_bytes"] = loaded.file_bytes;
    j["external_bytes"] = loaded.external_bytes;
    j.update(model::summary_to_json(summary, o.per_node));
    write_json_option(o.json_path, j);
  }
}

}  // namespace

void add_inspect(CLI::App& app) {
  auto opts = std::make_shared<InspectOptions>();
  auto* cmd = app.add_subcommand(
      "inspect",
      "Show what an ONNX model is: inputs, outputs, opsets, ops, parameters and MACs per node.\n"
      "Shapes keep symbolic dimensions (e.g. 'batch'); MACs come from ONNX shape inference, "
      "count symbolic dimensions as 1 (the output says so) and show 'unknown', not 0, for nodes "
      "whose shapes are unknown. For an opset or IR newer than this build of ONNX knows (18+, "
      "IR 9+), where static inference cannot run, ONNX Runtime runs the model once on seeded "
      "random inputs (symbolic dimensions 1, or --dim) and the shapes come from that run. The "
      "model is checked while loading (protobuf, IR and opset "
      "versions, unknown ops, external data confined to the model's folder).");
  cmd->add_option("MODEL", opts->model,
                  "ONNX model file (.onnx), or a DLC (.dlc: shown by the SNPE SDK's snpe-dlc-info: "
                  "layers, MACs, parameters, quantization encodings)")
      ->required();
  add_json_option(*cmd, opts->json_path,
                  "the model's description (shapes as arrays, e.g. [\"batch\",3,224,224]; "
                  "unknown values are null)");
  cmd->add_flag("--per-node", opts->per_node, "Add a per-node table: name, op, output shape, MACs");
  cmd->add_option("--max-size", opts->max_size,
                  "Refuse model files larger than this (bytes, or with a unit: 500MB, 4GiB)")
      ->transform(CLI::AsSizeValue(true))
      ->default_str("2GiB");
  cmd->add_option("--dim", opts->run.dims,
                  "for a model whose shapes come from an engine run: size of a symbolic input "
                  "dimension, SYMBOL=N (repeatable; default 1)");
  cmd->callback([opts] { run_inspect(*opts); });
}

}  // namespace onnxbench::cli
