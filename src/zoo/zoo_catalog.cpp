#include "zoo/zoo_catalog.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace onnxbench::model {
namespace {

ZooEntry tv(const char* name) { return {name, ZooSource::kTorchvision, ""}; }
ZooEntry hf(const char* name, const char* hub_id) {
  return {name, ZooSource::kHuggingFace, hub_id};
}

std::string text(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

const std::vector<ZooEntry>& zoo_catalog() {
  static const std::vector<ZooEntry> catalog = {
      tv("alexnet"),
      tv("densenet121"),
      tv("densenet161"),
      tv("densenet169"),
      tv("densenet201"),
      tv("efficientnet_b0"),
      tv("efficientnet_b1"),
      tv("efficientnet_b2"),
      tv("efficientnet_b3"),
      tv("efficientnet_b4"),
      tv("efficientnet_b5"),
      tv("efficientnet_b6"),
      tv("efficientnet_b7"),
      tv("efficientnet_v2_l"),
      tv("efficientnet_v2_m"),
      tv("efficientnet_v2_s"),
      tv("inception_v3"),
      tv("mnasnet0_5"),
      tv("mnasnet0_75"),
      tv("mnasnet1_0"),
      tv("mnasnet1_3"),
      tv("mobilenet_v2"),
      tv("mobilenet_v3_large"),
      tv("mobilenet_v3_small"),
      tv("resnet101"),
      tv("resnet152"),
      hf("resnet-152", "microsoft/resnet-152"),
      tv("resnet18"),
      tv("resnet34"),
      tv("resnet50"),
      hf("resnet-50", "microsoft/resnet-50"),
      tv("resnext101_32x8d"),
      tv("resnext101_64x4d"),
      tv("resnext50_32x4d"),
      tv("shufflenet_v2_x0_5"),
      tv("shufflenet_v2_x1_0"),
      tv("shufflenet_v2_x1_5"),
      tv("shufflenet_v2_x2_0"),
      tv("squeezenet1_0"),
      tv("squeezenet1_1"),
      tv("vgg11"),
      tv("vgg11_bn"),
      tv("vgg13"),
      tv("vgg13_bn"),
      tv("vgg16"),
      tv("vgg16_bn"),
      tv("vgg19"),
      tv("vgg19_bn"),
      tv("vit_b_16"),
      tv("vit_b_32"),
      hf("vit-base-patch16-224", "google/vit-base-patch16-224"),
      tv("wide_resnet101_2"),
      tv("wide_resnet50_2"),
  };
  return catalog;
}

std::string source_display_name(ZooSource source) {
  return source == ZooSource::kTorchvision ? "torchvision" : "Hugging Face";
}

std::string source_id(ZooSource source) {
  return source == ZooSource::kTorchvision ? "torchvision" : "huggingface";
}

PythonEnvironment parse_probe(const std::string& python, const std::string& json_line) {
  const auto j = nlohmann::json::parse(json_line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object())
    throw Error("the export helper run by " + python + " printed no JSON environment report: '" +
                json_line.substr(0, 200) + "'");
  PythonEnvironment env;
  env.python = python;
  env.python_version = text(j, "python_version");
  env.torch_version = text(j, "torch");
  env.torchvision_version = text(j, "torchvision");
  env.torchvision_error = text(j, "torchvision_error");
  env.checkpoints_dir = text(j, "checkpoints_dir");
  env.transformers_version = text(j, "transformers");
  env.transformers_error = text(j, "transformers_error");
  if (const auto it = j.find("classifiers"); it != j.end() && it->is_array())
    for (const auto& n : *it)
      if (n.is_string()) env.torchvision_models.push_back(n.get<std::string>());
  std::sort(env.torchvision_models.begin(), env.torchvision_models.end());
  if (const auto it = j.find("pretrained_cached"); it != j.end() && it->is_array())
    for (const auto& n : *it)
      if (n.is_string()) env.pretrained_cached.insert(n.get<std::string>());
  if (const auto it = j.find("opsets"); it != j.end() && it->is_array() && it->size() == 2 &&
                                        (*it)[0].is_number_integer() &&
                                        (*it)[1].is_number_integer()) {
    env.min_opset = (*it)[0].get<int>();
    env.max_opset = (*it)[1].get<int>();
  }
  return env;
}

std::optional<ZooEntry> resolve_zoo_name(const std::string& name, const PythonEnvironment& env) {
  for (const auto& e : zoo_catalog())
    if (e.name == name) return e;
  if (std::binary_search(env.torchvision_models.begin(), env.torchvision_models.end(), name))
    return ZooEntry{name, ZooSource::kTorchvision, ""};
  return std::nullopt;
}

std::string python_problem(const PythonEnvironment& env) {
  if (!env.python_error.empty()) return env.python_error;
  if (env.torch_version.empty() || env.torchvision_version.empty())
    return env.python + " cannot import torch and torchvision (" + env.torchvision_error +
           "): apt-get install python3-torchvision (scripts/setup.sh does), or set "
           "ONNXBENCH_PYTHON to a Python that has them";
  return "";
}

Availability availability(const ZooEntry& entry, const PythonEnvironment& env) {
  if (auto problem = python_problem(env); !problem.empty()) return {false, problem};
  if (entry.source == ZooSource::kTorchvision) {
    if (std::binary_search(env.torchvision_models.begin(), env.torchvision_models.end(),
                           entry.name))
      return {true, ""};
    return {false, "torchvision " + env.torchvision_version + " has no builder '" + entry.name +
                       "'; a newer torchvision may have it"};
  }
  if (!env.transformers_version.empty()) return {true, ""};
  const std::string hint =
      "(apt-get install python3-transformers if your Debian has it, or pip install transformers "
      "into an environment with torch and set ONNXBENCH_PYTHON to its python)";
  if (env.transformers_error.rfind("No module named", 0) == 0)
    return {false,
            "the Python module 'transformers' is not installed for " + env.python + " " + hint};
  return {false, "the Python module 'transformers' cannot be imported by " + env.python + " (" +
                     env.transformers_error + ") " + hint};
}

}  // namespace onnxbench::model
