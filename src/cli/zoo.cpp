// onnxbench zoo: models to try onnxbench on. Generated models (zoo_generate.cpp), and the
// classifiers users bring (seed 003: torchvision and Hugging Face names) exported to ONNX by
// scripts/export_torchvision.py, the only Python onnxbench runs.
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/zoo_generate.h"
#include "core/error.h"
#include "core/text.h"
#include "engines/subprocess.h"
#include "report/table.h"
#include "zoo/zoo_catalog.h"

namespace onnxbench::cli {
namespace {

namespace fs = std::filesystem;
using model::PythonEnvironment;
using model::ZooEntry;
using model::ZooSource;

// --- the Python export helper ---

constexpr std::string_view kHelperErrorPrefix = "export_torchvision.py: error: ";

std::string python_interpreter() {
  const char* configured = std::getenv("ONNXBENCH_PYTHON");
  return configured && *configured ? configured : "/usr/bin/python3";
}

std::string helper_script() {
  return (fs::path(ONNXBENCH_SOURCE_DIR) / "scripts/export_torchvision.py").string();
}

// The helper prints its line when a model is exported: one that stays silent this long is declared
// hung and its process group killed.
constexpr auto kHelperSilence = std::chrono::minutes(15);

struct HelperRun {
  int start_errno = 0;  // the interpreter could not be started: why (ENOENT, EACCES, ...)
  int exit_code = -1;   // -1: ended by a signal
  std::string output;   // stdout, then the last lines of stderr
};

// Runs the helper with the configured interpreter as runners run: in its own process group, which
// Ctrl-C, SIGTERM and the time limit kill whole.
HelperRun run_helper(const std::vector<std::string>& args) {
  ProcessSpec spec{{python_interpreter(), helper_script()}, "", {}};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  HelperRun run;
  std::unique_ptr<Subprocess> child;
  try {
    child = std::make_unique<Subprocess>(spec);
  } catch (const StartError& e) {
    run.start_errno = e.error_number();
    return run;
  }
  for (std::string line;;) {
    const auto status = child->read_line(line, kHelperSilence, 0);
    if (status == Subprocess::ReadStatus::kClosed) break;
    if (status == Subprocess::ReadStatus::kTimeout) {
      child->kill();
      throw Error("the export helper " + helper_script() + " did not finish within " +
                  std::to_string(kHelperSilence.count()) + " minutes and was stopped");
    }
    run.output += line + "\n";
  }
  child->finish(std::chrono::seconds(10));
  for (const auto& line : child->stderr_tail()) run.output += line + "\n";
  run.exit_code = child->exit_code();
  return run;
}

// The helper's reason for failing: its last error line, else its last line.
std::string helper_error(const HelperRun& run) {
  std::istringstream lines(run.output);
  std::string error, last;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(kHelperErrorPrefix, 0) == 0) error = line.substr(kHelperErrorPrefix.size());
    if (!line.empty()) last = line;
  }
  if (!error.empty()) return error;
  const std::string status = "exit status " + std::to_string(run.exit_code);
  return last.empty() ? status : last + " (" + status + ")";
}

// One helper run tells what this machine's Python can export, for the whole catalog.
PythonEnvironment probe_python() {
  const std::string python = python_interpreter();
  const HelperRun run = run_helper({"--probe"});
  if (run.start_errno != 0) {
    PythonEnvironment env;
    env.python = python;
    env.python_error = "cannot run the Python interpreter " + python +
                       (run.start_errno == ENOENT ? " (not found)" : " (not executable)") +
                       ": apt-get install python3-torchvision (scripts/setup.sh does), or set "
                       "ONNXBENCH_PYTHON to a Python that has torchvision";
    return env;
  }
  if (run.exit_code != 0)
    throw Error("the export helper " + helper_script() + " failed under " + python + ": " +
                helper_error(run));
  std::istringstream lines(run.output);
  std::string report;
  for (std::string line; std::getline(lines, line);)
    if (line.rfind('{', 0) == 0) report = line;
  return model::parse_probe(python, report);
}

std::string environment_summary(const PythonEnvironment& env) {
  if (!env.python_error.empty()) return "python: " + env.python_error;
  return "python: " + env.python + " " + env.python_version + "; torchvision: " +
         (env.torchvision_version.empty()
              ? "not importable"
              : env.torchvision_version + " (torch " + env.torch_version + ")") +
         "; transformers: " +
         (env.transformers_version.empty() ? "not importable" : env.transformers_version);
}

// Torchvision classifiers that are not in the catalog but export all the same.
std::vector<std::string> other_torchvision_models(const PythonEnvironment& env) {
  std::vector<std::string> out;
  for (const auto& name : env.torchvision_models) {
    bool listed = false;
    for (const auto& e : model::zoo_catalog()) listed = listed || e.name == name;
    if (!listed) out.push_back(name);
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& x : items) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// --- zoo list ---

nlohmann::json list_json(const PythonEnvironment& env) {
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
  };
  nlohmann::json models = nlohmann::json::array();
  for (const auto& e : model::zoo_catalog()) {
    const model::Availability a = model::availability(e, env);
    nlohmann::json m = {{"name", e.name},
                        {"source", model::source_id(e.source)},
                        {"available", a.available},
                        {"reason", or_null(a.reason)}};
    if (!e.hub_id.empty()) m["hub_id"] = e.hub_id;
    if (e.source == ZooSource::kTorchvision)
      m["pretrained_cached"] = env.pretrained_cached.count(e.name) > 0;
    models.push_back(std::move(m));
  }
  return {{"python", env.python},
          {"python_error", or_null(env.python_error)},
          {"python_version", or_null(env.python_version)},
          {"torch", or_null(env.torch_version)},
          {"torchvision", or_null(env.torchvision_version)},
          {"transformers", or_null(env.transformers_version)},
          {"torch_hub_checkpoints", or_null(env.checkpoints_dir)},
          {"models", models},
          {"other_torchvision_models", other_torchvision_models(env)}};
}

void run_list(const std::string& json_path) {
  const PythonEnvironment env = probe_python();
  write_json_option(json_path, list_json(env));
  if (json_to_stdout(json_path)) return;
  std::cout << environment_summary(env) << "\n\n";
  TextTable table({"name", "source", "available", "pretrained", "reason"});
  int available = 0;
  for (const auto& e : model::zoo_catalog()) {
    const model::Availability a = model::availability(e, env);
    available += a.available;
    std::string pretrained;
    if (a.available && e.source == ZooSource::kTorchvision)
      pretrained = env.pretrained_cached.count(e.name) ? "cached" : "not cached";
    table.add_row({e.name, model::source_display_name(e.source), a.available ? "yes" : "no",
                   pretrained, a.reason});
  }
  table.print(std::cout, "");
  std::cout << "\n" << available << " of " << model::zoo_catalog().size() << " available here";
  if (!env.checkpoints_dir.empty())
    std::cout << "; pretrained weights are read from " << env.checkpoints_dir;
  std::cout << "\n";
  if (const auto others = other_torchvision_models(env); !others.empty())
    std::cout << "zoo export also takes torchvision's other classifiers: " << joined(others)
              << "\n";
}

// --- zoo export ---

struct ExportOptions {
  std::vector<std::string> names;
  std::string out;
  int opset = 13;
  int batch = 1;
  int image_size = 224;
  bool dynamic_batch = false;
  std::string weights = "random";
};

void check_sizes(const ExportOptions& o) {
  if (o.batch < 1) throw InputError("--batch " + std::to_string(o.batch) + ": must be at least 1");
  if (o.image_size < 32 || o.image_size > 4096)
    throw InputError("--image-size " + std::to_string(o.image_size) +
                     ": must be between 32 and 4096 (the classifiers downsample by 32)");
}

void check_opset(const ExportOptions& o, const PythonEnvironment& env) {
  if (env.max_opset > 0 && (o.opset < env.min_opset || o.opset > env.max_opset))
    throw InputError("--opset " + std::to_string(o.opset) + ": torch " + env.torch_version +
                     " exports opsets " + std::to_string(env.min_opset) + " to " +
                     std::to_string(env.max_opset));
}

std::string unknown_name_reason(const std::string& name, const PythonEnvironment& env) {
  std::vector<std::string> known = env.torchvision_models;
  for (const auto& e : model::zoo_catalog()) known.push_back(e.name);
  const auto matches = close_matches(name, known);
  return "unknown model '" + name + "'" +
         (matches.empty() ? "" : "; close matches: " + joined(matches)) +
         "; 'onnxbench zoo list' shows the known names";
}

// Exports one model to DIR/NAME.onnx and prints its line; returns why it failed, or nothing.
std::optional<std::string> export_one(const std::string& name, const ExportOptions& o,
                                      const PythonEnvironment& env) {
  const std::optional<ZooEntry> entry = model::resolve_zoo_name(name, env);
  if (!entry) return unknown_name_reason(name, env);
  if (const model::Availability a = model::availability(*entry, env); !a.available) {
    if (entry->source == ZooSource::kHuggingFace)
      return name + " is a Hugging Face model (" + entry->hub_id + "): " + a.reason;
    return a.reason;
  }
  const fs::path out = fs::path(o.out) / (name + ".onnx");
  std::vector<std::string> args = {entry->hub_id.empty() ? name : entry->hub_id,
                                   "--out",
                                   out.string(),
                                   "--opset",
                                   std::to_string(o.opset),
                                   "--batch",
                                   std::to_string(o.batch),
                                   "--image-size",
                                   std::to_string(o.image_size),
                                   "--weights",
                                   o.weights};
  if (o.dynamic_batch) args.push_back("--dynamic-batch");
  const auto start = std::chrono::steady_clock::now();
  const HelperRun run = run_helper(args);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  if (run.exit_code != 0 || !fs::exists(out)) return helper_error(run);
  std::cout << "exported " << name << " in " << fixed(took.count(), 1) << " s -> " << out.string()
            << " (" << bytes_text(fs::file_size(out)) << ")" << std::endl;
  return std::nullopt;
}

void run_export(const ExportOptions& o) {
  check_sizes(o);
  const PythonEnvironment env = probe_python();
  if (const std::string problem = model::python_problem(env); !problem.empty())
    throw Error(problem);
  check_opset(o, env);
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) throw InputError("--out " + o.out + ": cannot create the folder: " + ec.message());
  std::vector<std::string> failed;
  for (const auto& name : o.names) {
    if (const auto reason = export_one(name, o, env)) {
      // Every reason names the model but the helper's last-resort ones; keep the line clear.
      const bool names_model = reason->find(name) != std::string::npos;
      std::cerr << "onnxbench: error: " << (names_model ? "" : name + ": ") << *reason << std::endl;
      failed.push_back(name);
    }
  }
  if (!failed.empty())
    throw Error(std::to_string(failed.size()) + " of " + std::to_string(o.names.size()) +
                " exports failed: " + joined(failed));
}

void add_list(CLI::App& zoo) {
  auto json_path = std::make_shared<std::string>();
  auto* list = zoo.add_subcommand(
      "list",
      "List the classifiers users bring (torchvision and Hugging Face names), their source, and "
      "whether this machine's Python (/usr/bin/python3, or $ONNXBENCH_PYTHON) can export them; "
      "when not, why and what to install.");
  add_json_option(*list, *json_path, "the list");
  list->callback([json_path] { run_list(*json_path); });
}

void add_export(CLI::App& zoo) {
  auto o = std::make_shared<ExportOptions>();
  auto* exp = zoo.add_subcommand(
      "export",
      "Export classifiers to DIR/NAME.onnx with scripts/export_torchvision.py, run by "
      "/usr/bin/python3 (or $ONNXBENCH_PYTHON). NAME is a name of 'onnxbench zoo list' or any "
      "other torchvision classifier. The model has input 'input' [batch,3,S,S] float32 and "
      "output 'output' [batch,classes]. A model that fails is reported and the others still "
      "export; the exit status is 1 when any failed.");
  exp->add_option("NAME", o->names, "Models to export")->required();
  exp->add_option("-o,--out", o->out, "Folder to write NAME.onnx into")->required();
  exp->add_option("--opset", o->opset, "ONNX opset")->capture_default_str();
  exp->add_option("--batch", o->batch, "Batch size of the input")->capture_default_str();
  exp->add_option("--image-size", o->image_size, "Input height and width (S)")
      ->capture_default_str();
  exp->add_flag("--dynamic-batch", o->dynamic_batch,
                "Make the batch dimension the symbol 'batch' instead of --batch");
  exp->add_option("--weights", o->weights,
                  "random: seeded random weights, nothing downloaded; pretrained: torchvision's "
                  "from the local torch hub cache (a download is tried only when the server "
                  "answers within seconds), Hugging Face's from the local cache")
      ->capture_default_str()
      ->check(CLI::IsMember({"random", "pretrained"}));
  exp->callback([o] { run_export(*o); });
}

}  // namespace

void add_zoo(CLI::App& app) {
  auto* zoo = app.add_subcommand(
      "zoo",
      "Models to try onnxbench on: generated ones (a demo CNN, MobileNetV2, ResNet and "
      "transformer encoder architectures, samples of a MobileNetV2 search space), and "
      "torchvision and Hugging Face classifiers exported to ONNX.");
  zoo->require_subcommand(1);
  add_zoo_generate(*zoo);
  add_zoo_sample(*zoo);
  add_list(*zoo);
  add_export(*zoo);
}

}  // namespace onnxbench::cli
