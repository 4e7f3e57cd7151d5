// Bad sizes and broken graphs are clear InputErrors, never allocations or crashes (issue 9 §1).
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include "core/file_io.h"
#include "core/npy.h"
#include "core/tensor.h"
#include "core/tensor_pb.h"
#include "graph/builder.h"
#include "graph/loader.h"
#include "support/model_test_util.h"
#include "support/test_paths.h"

namespace onnxbench::model {
namespace {

using onnxbench::testing::contains;
using onnxbench::testing::input_error_of;
using onnxbench::testing::scratch_dir;

std::string write_pb(const onnx::TensorProto& t, const std::string& name) {
  const std::string path = scratch_dir() + "/" + name;
  write_file(path, t.SerializeAsString());
  return path;
}

onnx::TensorProto float_proto(std::initializer_list<std::int64_t> dims) {
  onnx::TensorProto t;
  t.set_name("x");
  t.set_data_type(onnx::TensorProto_DataType_FLOAT);
  for (auto d : dims) t.add_dims(d);
  return t;
}

TEST(CheckedSizes, AHugeTensorProtoIsRefusedBeforeAnyAllocation) {
  onnx::TensorProto t = float_proto({1 << 20, 1 << 20, 1 << 10});
  t.set_raw_data(std::string(8, '\0'));
  const std::string path = write_pb(t, "huge.pb");
  const std::string e = input_error_of([&] { read_tensor_pb(path); });
  EXPECT_TRUE(contains(e, path + ": tensor 'x'")) << e;
  EXPECT_TRUE(contains(e, "more than the limit of 16 GiB")) << e;
}

TEST(CheckedSizes, AnElementCountThatWrapsIsRefused) {
  const std::string path =
      write_pb(float_proto({std::int64_t{1} << 32, std::int64_t{1} << 32, 4}), "wrap.pb");
  const std::string e = input_error_of([&] { read_tensor_pb(path); });
  EXPECT_TRUE(contains(e, "more elements than fit in 64 bits")) << e;
}

TEST(CheckedSizes, NegativeDimsAndOverflowNameWhat) {
  const Shape negative{2, -1};
  EXPECT_TRUE(contains(input_error_of([&] { checked_element_count(negative, "t"); }),
                       "t: dims [2,-1] has a negative dimension"));
  const Shape big{std::int64_t{1} << 40, 1 << 20};
  EXPECT_TRUE(contains(input_error_of([&] { Tensor(DType::kFloat32, big); }), "limit of 16 GiB"));
  EXPECT_EQ(checked_byte_size(Shape{2, 3}, 4, "t"), 24u);
  EXPECT_EQ(checked_element_count(Shape{}, "t"), 1);
}

TEST(CheckedSizes, ANpyHeaderWithAnAbsurdShapeIsRefused) {
  Tensor small(DType::kFloat32, {2});
  std::string bytes = format_npy(small);
  const auto at = bytes.find("(2,)");
  bytes.replace(at, 4, "(99999999999999999999,)");
  EXPECT_TRUE(contains(input_error_of([&] { parse_npy(bytes, "a.npy"); }), "a.npy"));
  bytes = format_npy(small);
  bytes.replace(bytes.find("(2,)"), 4, "(4294967296, 4294967296)");
  EXPECT_TRUE(contains(input_error_of([&] { parse_npy(bytes, "b.npy"); }), "fit in 64 bits"));
}

// y = x + w with a [1,4] initializer, and ways to break it.
onnx::ModelProto add_model() {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, 4})
      .random_initializer("w", {1, 4}, 3)
      .node("Add", {"x", "w"}, {"y"}, {}, "add")
      .output("y", DType::kFloat32, {1, 4});
  return b.build();
}

std::string load_error(const onnx::ModelProto& m) {
  return input_error_of([&] { parse_model(m.SerializeAsString(), "m.onnx", ""); });
}

TEST(StrictLoading, AnInitializerWithTooFewRawBytesIsRefused) {
  onnx::ModelProto m = add_model();
  m.mutable_graph()->mutable_initializer(0)->set_raw_data(std::string(6, '\0'));
  const std::string e = load_error(m);
  EXPECT_TRUE(contains(e, "m.onnx: tensor 'w': field 'raw_data' is 6 bytes, dims [1,4]")) << e;
}

TEST(StrictLoading, AnInputNothingProducesIsRefused) {
  onnx::ModelProto m = add_model();
  m.mutable_graph()->mutable_node(0)->set_input(1, "nothing");
  const std::string e = load_error(m);
  EXPECT_TRUE(contains(e, "node 'add' (#0): input 'nothing' is not produced")) << e;
}

TEST(StrictLoading, ACycleIsRefused) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, 4})
      .node("Add", {"x", "b"}, {"a"}, {}, "first")
      .node("Relu", {"a"}, {"b"}, {}, "second")
      .node("Relu", {"a"}, {"y"}, {}, "out")
      .output("y", DType::kFloat32, {1, 4});
  const std::string e = load_error(b.build());
  EXPECT_TRUE(contains(e, "the graph has a cycle through this node")) << e;
}

TEST(StrictLoading, AValueDefinedTwiceIsRefused) {
  onnx::ModelProto m = add_model();
  *m.mutable_graph()->add_node() = m.graph().node(0);
  EXPECT_TRUE(contains(load_error(m), "value 'y' is defined more than once"));
}

TEST(StrictLoading, TheOnnxCheckerRunsOnLoad) {
  onnx::ModelProto m = add_model();
  m.mutable_graph()
      ->mutable_input(0)
      ->mutable_type()
      ->mutable_tensor_type()
      ->mutable_shape()
      ->mutable_dim(1)
      ->set_dim_value(5);  // x [1,5] + w [1,4] does not broadcast
  const std::string e = load_error(m);
  EXPECT_TRUE(contains(e, "m.onnx: fails ONNX shape inference")) << e;
}

TEST(StrictLoading, ANewerOpsetIsANoteNotAnError) {
  onnx::ModelProto m = add_model();
  m.set_ir_version(10);
  m.mutable_opset_import(0)->set_version(21);
  const LoadedModel loaded = parse_model(m.SerializeAsString(), "m.onnx", "");
  ASSERT_EQ(loaded.notes.size(), 3u);
  EXPECT_TRUE(contains(loaded.notes[0], "IR version 10 is newer"));
  EXPECT_TRUE(contains(loaded.notes[1], "opset 21 of the default domain"));
  EXPECT_TRUE(contains(loaded.notes[2], "structural checks only"));
}

}  // namespace
}  // namespace onnxbench::model
