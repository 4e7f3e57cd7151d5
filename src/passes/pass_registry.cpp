#include "passes/pass_registry.h"

#include <map>
#include <optional>

#include "core/error.h"
#include "passes/passes.h"

namespace onnxbench::model {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  for (std::size_t end; (end = text.find(separator, begin)) != std::string::npos; begin = end + 1)
    parts.push_back(text.substr(begin, end - begin));
  parts.push_back(text.substr(begin));
  return parts;
}

// A size of 1 or more; nullopt when `text` is not one.
std::optional<std::int64_t> parse_size(const std::string& text) {
  std::size_t used = 0;
  std::int64_t v = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (used != text.size() || v < 1) return std::nullopt;
  return v;
}

std::unique_ptr<Pass> make_set_batch(const std::string& parameter) {
  const auto batch = parse_size(parameter);
  if (!batch) throw InputError("set-batch=" + parameter + ": expected a batch size N >= 1");
  return set_batch_pass(*batch);
}

std::unique_ptr<Pass> make_set_dims(const std::string& parameter) {
  std::map<std::string, std::int64_t> dims;
  for (const auto& item : split(parameter, ',')) {
    const auto eq = item.find('=');
    const auto size = eq == std::string::npos ? std::nullopt : parse_size(item.substr(eq + 1));
    if (eq == 0 || !size) throw InputError("set-dims: '" + item + "': expected NAME=V with V >= 1");
    if (!dims.emplace(item.substr(0, eq), *size).second)
      throw InputError("set-dims: dimension '" + item.substr(0, eq) + "' is given twice");
  }
  return set_dims_pass(std::move(dims));
}

std::unique_ptr<Pass> make_expose(const std::string& parameter) {
  auto tensors = split(parameter, ',');
  for (const auto& t : tensors)
    if (t.empty()) throw InputError("expose=" + parameter + ": empty tensor name");
  return expose_pass(std::move(tensors));
}

std::string known_passes() {
  std::string names;
  for (const auto& p : pass_registry()) names += (names.empty() ? "" : ", ") + p.name;
  return names;
}

}  // namespace

const std::vector<PassInfo>& pass_registry() {
  static const std::vector<PassInfo> passes{
      {"set-batch", "N",
       "fix the symbolic first dimension of every input (and that symbol everywhere) to N", false,
       make_set_batch},
      {"set-dims", "NAME=V[,NAME=V...]",
       "fix named symbolic dimensions across inputs, outputs and value_info", true, make_set_dims},
      {"expose", "TENSOR[,TENSOR...]|all",
       "make intermediate tensors graph outputs (all: every node output)", true, make_expose},
      {"div-to-mul", "", "Div by a constant float tensor -> Mul by its reciprocal", false,
       [](const std::string&) { return div_to_mul_pass(); }},
      {"stride-removal", "",
       "Conv with strides other than [1,1],[2,2],[3,3] -> stride-1 Conv + Slice", false,
       [](const std::string&) { return stride_removal_pass(); }},
      {"fuse-affine-into-conv", "",
       "Mul/Div/Add/Sub by per-channel constants next to a Conv -> folded into its weights and "
       "bias",
       false, [](const std::string&) { return fuse_affine_into_conv_pass(); }},
      {"fp16", "",
       "float32 weights and activations -> float16, graph inputs and outputs kept float32", false,
       [](const std::string&) { return fp16_pass(false); }},
      {"fp16-io", "", "as fp16, and graph inputs and outputs float16 too", false,
       [](const std::string&) { return fp16_pass(true); }},
      {"simplify", "",
       "drop no-op nodes, fold constant and shape subgraphs, Constant nodes -> initializers, "
       "Clip bound inputs -> Relu/Max/Min, remove dead nodes and unused initializers",
       false, [](const std::string&) { return simplify_pass(); }},
  };
  return passes;
}

const PassInfo* find_pass(const std::string& name) {
  for (const auto& p : pass_registry())
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<PassRequest> parse_pass_list(const std::string& text) {
  std::vector<PassRequest> requests;
  for (const auto& item : split(text, ',')) {
    if (item.empty()) throw InputError("pass list '" + text + "' has an empty entry");
    const auto eq = item.find('=');
    const std::string name = item.substr(0, eq);
    if (find_pass(name)) {
      requests.push_back({name, eq == std::string::npos ? "" : item.substr(eq + 1)});
    } else if (!requests.empty() && find_pass(requests.back().name)->list) {
      requests.back().parameter += "," + item;
    } else {
      throw InputError("unknown pass '" + name + "' (known passes: " + known_passes() + ")");
    }
  }
  return requests;
}

std::unique_ptr<Pass> make_pass(const PassRequest& request) {
  const PassInfo* info = find_pass(request.name);
  if (!info)
    throw InputError("unknown pass '" + request.name + "' (known passes: " + known_passes() + ")");
  if (info->parameter.empty() && !request.parameter.empty())
    throw InputError(request.text() + ": " + info->name + " takes no parameter");
  if (!info->parameter.empty() && request.parameter.empty())
    throw InputError(info->name + " needs a parameter: " + info->name + "=" + info->parameter);
  return info->make(request.parameter);
}

}  // namespace onnxbench::model
