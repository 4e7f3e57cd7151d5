// div-to-mul: x / c becomes x * (1/c) for a constant float c (seed 002 finding 3: some
// accelerators divide slowly). Mul broadcasts exactly as Div does; the product differs from the
// quotient by at most about one rounding of the reciprocal.
#include <cmath>
#include <map>

#include "graph/editing.h"
#include "passes/passes.h"

namespace onnxbench::model {
namespace {

bool in_default_domain(const onnx::NodeProto& n) {
  return n.domain().empty() || n.domain() == "ai.onnx";
}

// Why the divisor cannot become a reciprocal, or "" when it can.
std::string unusable_divisor(const std::vector<double>& values) {
  for (const double v : values) {
    if (v == 0) return "it has a zero element";
    if (!std::isfinite(1 / v)) return "the reciprocal of " + std::to_string(v) + " overflows";
  }
  return "";
}

class DivToMul : public Pass {
 public:
  DivToMul() : Pass("div-to-mul") {}

  PassReport run(onnx::ModelProto& model) const override {
    PassReport report;
    NameSet names(model.graph());
    std::map<std::string, std::string> reciprocal_of;  // divisor -> its reciprocal initializer
    std::vector<onnx::TensorProto> reciprocals;
    std::set<std::string> replaced;
    std::vector<std::string> refused;
    auto& nodes = *model.mutable_graph()->mutable_node();
    for (int i = 0; i < nodes.size(); ++i) {
      auto& n = nodes[i];
      if (n.op_type() != "Div" || !in_default_domain(n) || n.input_size() != 2) continue;
      const std::string divisor = n.input(1);
      const onnx::TensorProto* c = constant_value(model, divisor);
      if (!c) continue;
      const auto values = float_values(*c);
      if (!values) continue;  // an integer Div truncates: no reciprocal does that
      if (!reciprocal_of.count(divisor)) {
        if (const std::string why = unusable_divisor(*values); !why.empty()) {
          refused.push_back("node '" + node_label(n, i) + "' left as Div: divisor '" + divisor +
                            "': " + why);
          continue;
        }
        std::vector<double> inverse(values->size());
        for (std::size_t k = 0; k < inverse.size(); ++k) inverse[k] = 1 / (*values)[k];
        reciprocal_of[divisor] = names.fresh(divisor + "_reciprocal");
        reciprocals.push_back(float_tensor(reciprocal_of[divisor], c->data_type(),
                                           {c->dims().begin(), c->dims().end()}, inverse));
      }
      n.set_op_type("Mul");
      n.set_input(1, reciprocal_of[divisor]);
      replaced.insert(divisor);
      report.add("Div -> Mul");
    }
    if (report.total() == 0)
      nothing_to_do("nothing to rewrite: " + (refused.empty()
                                                  ? std::string("no Div by a constant float tensor")
                                                  : refused[0]));
    for (const auto& t : reciprocals) add_initializer(model, t);
    report.add("reciprocal initializers added", static_cast<int>(reciprocals.size()));
    if (const int removed = remove_unread_constants(model, replaced))
      report.add("divisors no longer read, removed", removed);
    report.notes = refused;
    return report;
  }
};

}  // namespace

std::unique_ptr<Pass> div_to_mul_pass() { return std::make_unique<DivToMul>(); }

}  // namespace onnxbench::model
