// expose: intermediate tensors become typed graph outputs; the model's own outputs stay the same
// (ONNX Runtime, tolerance 1e-5).
#include <gtest/gtest.h>

#include "passes/passes.h"
#include "support/model_test_util.h"
#include "support/pass_test_util.h"

namespace onnxbench::model {
namespace {

using testing::contains;
using testing::expect_equivalent;
using testing::input_error_of;
using testing::random_inputs;

TEST(Expose, NamedTensorsBecomeOutputsWithInferredTypes) {
  const auto outcome = expect_equivalent(demo_cnn(1, false), *expose_pass({"relu1", "pool2"}),
                                         random_inputs({{"input", {1, 3, 96, 96}}}));
  const auto& g = outcome.model.graph();
  ASSERT_EQ(g.output_size(), 3);
  EXPECT_EQ(g.output(1).name(), "relu1");
  EXPECT_EQ(g.output(1).type().tensor_type().elem_type(), onnx::TensorProto_DataType_FLOAT);
  EXPECT_EQ(dims_to_string(*dims_of_type(g.output(1).type())), "[1,32,96,96]");
  EXPECT_EQ(dims_to_string(*dims_of_type(g.output(2).type())), "[1,64,24,24]");
  EXPECT_EQ(outcome.report.count("outputs added"), 2);
  const Tensor& relu1 = outcome.outputs.at("relu1");
  EXPECT_EQ(relu1.shape, (Shape{1, 32, 96, 96}));
  for (std::int64_t i = 0; i < relu1.element_count(); ++i)
    ASSERT_GE(relu1.as<float>()[i], 0.0f) << "a Relu output is never negative";
}

TEST(Expose, AllExposesEveryNodeOutput) {
  const onnx::ModelProto m = demo_cnn(2, true);
  const auto outcome =
      expect_equivalent(m, *expose_pass({"all"}), random_inputs({{"input", {2, 3, 96, 96}}}));
  EXPECT_EQ(outcome.model.graph().output_size(), m.graph().node_size());
  EXPECT_EQ(outcome.report.count("outputs added"), m.graph().node_size() - 1);
  EXPECT_EQ(outcome.outputs.size(), static_cast<std::size_t>(m.graph().node_size()));
  EXPECT_EQ(outcome.outputs.at("gap").shape, (Shape{2, 128, 1, 1}));
}

TEST(Expose, AnOutputAlreadyThereIsANote) {
  onnx::ModelProto m = demo_cnn(1, false);
  const PassReport r = expose_pass({"logits"})->run(m);
  EXPECT_EQ(r.total(), 0);
  EXPECT_EQ(r.notes.at(0), "already graph outputs: logits");
  EXPECT_EQ(m.graph().output_size(), 1);
}

TEST(Expose, RefusesAnUnknownTensorNamingRealOnes) {
  onnx::ModelProto m = demo_cnn(1, false);
  EXPECT_EQ(input_error_of([&] {
              expose_pass({"relu1", "conv9"})->run(m);
            }),
            "expose: no node output is named 'conv9' (node outputs: conv1, relu1, pool1, conv2, "
            "relu2 and 6 more)");
  EXPECT_TRUE(contains(input_error_of([&] { expose_pass({"input"})->run(m); }),
                       "no node output is named 'input'"));
  EXPECT_EQ(m.graph().output_size(), 1);
}

}  // namespace
}  // namespace onnxbench::model
