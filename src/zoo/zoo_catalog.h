// The classifiers users bring (seed 003's list): which source provides each, how a name resolves,
// and whether this machine's Python can export it. What Python has is found by the export helper
// (scripts/export_torchvision.py --probe) and parsed here, so the rules stay testable without it.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace onnxbench::model {

enum class ZooSource { kTorchvision, kHuggingFace };

struct ZooEntry {
  std::string name;  // as users write it: resnet50, resnet-50
  ZooSource source;
  std::string hub_id;  // Hugging Face repository (microsoft/resnet-50); empty for torchvision
};

// Seed 003's 53 names, in its order.
const std::vector<ZooEntry>& zoo_catalog();

// "torchvision" and "Hugging Face" for people; "torchvision" and "huggingface" for JSON.
std::string source_display_name(ZooSource source);
std::string source_id(ZooSource source);

// What the export helper found in the Python that runs it.
struct PythonEnvironment {
  std::string python;        // the interpreter, as configured
  std::string python_error;  // non-empty: the interpreter could not run the helper at all
  std::string python_version;
  std::string torch_version;  // empty: torch or torchvision cannot be imported
  std::string torchvision_version;
  std::string torchvision_error;
  std::vector<std::string> torchvision_models;  // classification builders, sorted
  int min_opset = 0, max_opset = 0;             // what torch.onnx.export writes
  std::string checkpoints_dir;                  // torch hub cache of pretrained weights
  std::set<std::string> pretrained_cached;      // torchvision names whose weights are cached
  std::string transformers_version;             // empty: transformers cannot be imported
  std::string transformers_error;
};

// Parses the helper's --probe line (one JSON object). Throws Error when it is not one.
PythonEnvironment parse_probe(const std::string& python, const std::string& json_line);

// A catalog entry, or any other classification builder the environment's torchvision offers.
std::optional<ZooEntry> resolve_zoo_name(const std::string& name, const PythonEnvironment& env);

// Why nothing at all can be exported with this Python (it cannot run, or has no torch), naming
// what to install; empty when torch and torchvision are there.
std::string python_problem(const PythonEnvironment& env);

struct Availability {
  bool available = false;
  std::string reason;  // why not, naming what to install
};
Availability availability(const ZooEntry& entry, const PythonEnvironment& env);

}  // namespace onnxbench::model
