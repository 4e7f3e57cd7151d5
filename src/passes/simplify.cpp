// simplify: the rewrites of simplify_steps.h, repeated until none changes anything (a fold can
// make a Reshape a no-op, removing a no-op can make a node foldable), then the cleanup.
#include <unordered_set>

#include "graph/shapes.h"
#include "passes/passes.h"
#include "passes/simplify/steps.h"

namespace onnxbench::model {
namespace {

// A round folds the shape subgraphs whose input shapes inference knows; their results make the
// next block's shapes known: a dynamic-batch shufflenet_v2 export fixed to batch 1 takes 30
// rounds, about two per block. Far beyond that, something would be rewriting back and forth.
constexpr int kMaxRounds = 1000;

class Simplify : public Pass {
 public:
  Simplify() : Pass("simplify") {}

  PassReport run(onnx::ModelProto& model) const override {
    onnx::ModelProto result = model;
    PassReport report;
    std::unordered_set<std::string> own_initializers;
    for (const auto& t : model.graph().initializer()) own_initializers.insert(t.name());
    for (int round = 0; round < kMaxRounds; ++round) {
      int changes = constants_to_initializers(result, report);
      const ValueFacts facts = infer_value_facts(result);
      changes += fold_constants(result, facts, report);
      changes += remove_no_ops(result, facts, report);
      changes += rewrite_clip_bounds(result, report);
      changes += make_slice_axes_non_negative(result, facts, report);
      if (changes == 0) break;
    }
    remove_dead_nodes(result, report);
    remove_unused_initializers(result, report, own_initializers);
    if (report.total() == 0)
      nothing_to_do("nothing to simplify: no Constant node, foldable node, no-op or unused value");
    model = std::move(result);
    return report;
  }
};

}  // namespace

std::optional<std::vector<std::int64_t>> ValueFacts::static_shape(const std::string& name) const {
  const auto it = shapes.find(name);
  if (it == shapes.end()) return std::nullopt;
  std::vector<std::int64_t> dims;
  for (const auto& d : it->second) {
    if (!d.known()) return std::nullopt;
    dims.push_back(d.value);
  }
  return dims;
}

int ValueFacts::elem_type(const std::string& name) const {
  const auto it = elem_types.find(name);
  return it == elem_types.end() ? 0 : it->second;
}

ValueFacts infer_value_facts(const onnx::ModelProto& model) {
  onnx::ModelProto inferred = model;
  infer_shapes(inferred);
  ValueFacts facts;
  const auto& g = inferred.graph();
  facts.shapes = value_shapes(g);
  for (const auto& t : g.initializer()) facts.elem_types[t.name()] = t.data_type();
  auto remember = [&](const onnx::ValueInfoProto& v) {
    if (v.type().has_tensor_type() && v.type().tensor_type().elem_type() != 0)
      facts.elem_types[v.name()] = v.type().tensor_type().elem_type();
  };
  for (const auto& v : g.input()) remember(v);
  for (const auto& v : g.value_info()) remember(v);
  for (const auto& v : g.output()) remember(v);
  return facts;
}

std::unique_ptr<Pass> simplify_pass() { return std::make_unique<Simplify>(); }

}  // namespace onnxbench::model
