// Which tensor of a quantized model stands for which of the float model.
#include "quant/compare_models.h"

#include <gtest/gtest.h>

namespace onnxbench::quant {
namespace {

TEST(StandingFor, ADequantizedTensorStandsForWhatWasQuantized) {
  onnx::ModelProto m;
  auto* g = m.mutable_graph();
  auto node = [&](const std::string& op, const std::string& in, const std::string& out) {
    auto* n = g->add_node();
    n->set_op_type(op);
    n->add_input(in);
    n->add_output(out);
  };
  node("Relu", "x", "r");
  node("QuantizeLinear", "r", "r_q");
  node("DequantizeLinear", "r_q", "r_dq");
  node("DequantizeLinear", "w_q", "w_dq");  // a weight: no QuantizeLinear before it
  const auto stands = standing_for(m);
  EXPECT_EQ(stands.at("r"), "r");
  EXPECT_EQ(stands.at("r_dq"), "r");
  EXPECT_EQ(stands.at("w_dq"), "w_dq");
}

}  // namespace
}  // namespace onnxbench::quant
