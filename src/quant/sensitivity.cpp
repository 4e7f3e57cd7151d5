#include "quant/sensitivity.h"

#include <algorithm>

#include "graph/editing.h"
#include "quant/layers.h"

namespace onnxbench::quant {

std::map<std::string, std::set<std::string>> layer_groups(
    const onnx::ModelProto& model, const std::map<std::string, Range>& ranges,
    const QdqOptions& options) {
  const auto& nodes = model.graph().node();
  const std::map<int, int> folds = activation_folds(model, ranges, options);
  std::map<std::string, std::set<std::string>> groups;
  for (int i = 0; i < nodes.size(); ++i) {
    if (!has_constant_weight(model, nodes[i])) continue;
    auto& group = groups[model::node_label(nodes[i], i)];
    group.insert(model::node_label(nodes[i], i));
    if (const auto fold = folds.find(i); fold != folds.end())
      group.insert(model::node_label(nodes[fold->second], fold->second));
  }
  return groups;
}

std::vector<std::string> weighted_layers(const onnx::ModelProto& model) {
  std::vector<std::string> layers;
  const auto& nodes = model.graph().node();
  for (int i = 0; i < nodes.size(); ++i)
    if (has_constant_weight(model, nodes[i])) layers.push_back(model::node_label(nodes[i], i));
  return layers;
}

SensitivityResult analyze_sensitivity(const onnx::ModelProto& float_model,
                                      const std::map<std::string, Range>& ranges,
                                      const QdqOptions& options, double target_db,
                                      const OutputSqnr& evaluate,
                                      const SensitivityProgress& progress) {
  std::vector<std::string> layers = weighted_layers(float_model);
  layers.erase(std::remove_if(layers.begin(), layers.end(),
                              [&](const auto& l) { return options.float_nodes.count(l) > 0; }),
               layers.end());
  const auto groups = layer_groups(float_model, ranges, options);
  std::map<std::string, std::string> op_of;
  const auto& nodes = float_model.graph().node();
  for (int i = 0; i < nodes.size(); ++i) op_of[model::node_label(nodes[i], i)] = nodes[i].op_type();

  const std::size_t total = 1 + 2 * layers.size() + layers.size();
  std::size_t done = 0;
  auto measure = [&](const QdqOptions& o, const std::string& what, onnx::ModelProto* keep) {
    onnx::ModelProto q = float_model;
    quantize_qdq(q, ranges, o);
    const double db = evaluate(q);
    if (progress) progress(what, ++done, total);
    if (keep) *keep = std::move(q);
    return db;
  };

  SensitivityResult result;
  result.all_quantized_db = measure(options, "all layers", &result.mixed);
  result.mixed_db = result.all_quantized_db;
  for (const auto& layer : layers) {
    LayerSensitivity s{layer, op_of[layer], 0, 0};
    QdqOptions only = options;
    only.only_nodes = groups.at(layer);
    s.only_this_db = measure(only, layer + " alone", nullptr);
    QdqOptions all_but = options;
    all_but.float_nodes.insert(groups.at(layer).begin(), groups.at(layer).end());
    s.all_but_this_db = measure(all_but, "all but " + layer, nullptr);
    result.layers.push_back(s);
  }
  std::stable_sort(result.layers.begin(), result.layers.end(),
                   [](const auto& a, const auto& b) { return a.only_this_db < b.only_this_db; });

  // Greedy: keep in float the layer whose removal from quantization helped most, then the next,
  // measuring the whole model each time, until the target is met.
  std::vector<LayerSensitivity> by_gain = result.layers;
  std::stable_sort(by_gain.begin(), by_gain.end(), [](const auto& a, const auto& b) {
    return a.all_but_this_db > b.all_but_this_db;
  });
  QdqOptions mixed = options;
  result.target_reached = result.mixed_db >= target_db;
  for (const auto& layer : by_gain) {
    if (result.target_reached) break;
    mixed.float_nodes.insert(groups.at(layer.node).begin(), groups.at(layer.node).end());
    result.kept_float.push_back(layer.node);
    result.mixed_db = measure(mixed, "float: " + layer.node, &result.mixed);
    result.target_reached = result.mixed_db >= target_db;
  }
  return result;
}

}  // namespace onnxbench::quant
