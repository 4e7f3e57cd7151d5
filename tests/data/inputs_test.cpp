#include "data/inputs.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.h"
#include "core/npy.h"
#include "core/tensor_pb.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

InputSpec image(model::Dim batch) { return {"x", "float32", {batch, 3, 8, 8}}; }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ConcreteShape, BatchSetsASymbolicFirstDimension) {
  InputRequest r;
  EXPECT_EQ(concrete_shape(image("N"), r), (Shape{1, 3, 8, 8}));  // default batch 1
  r.batch = 4;
  EXPECT_EQ(concrete_shape(image("N"), r), (Shape{4, 3, 8, 8}));
  EXPECT_EQ(concrete_shape(image(4), r), (Shape{4, 3, 8, 8}));
}

TEST(ConcreteShape, BatchCannotChangeAFixedFirstDimension) {
  InputRequest r;
  r.batch = 2;
  const std::string e = error_of([&] { concrete_shape(image(1), r); });
  EXPECT_NE(e.find("model input 'x' has a fixed batch of 1"), std::string::npos) << e;
}

TEST(ConcreteShape, OtherSymbolsNeedDimValues) {
  const InputSpec seq{"tokens", "int64", {1, "seq"}};
  InputRequest r;
  const std::string e = error_of([&] { concrete_shape(seq, r); });
  EXPECT_NE(e.find("'tokens' dimension 1 ('seq')"), std::string::npos) << e;
  EXPECT_NE(e.find("--dim seq=N"), std::string::npos) << e;
  r.dims["seq"] = 16;
  EXPECT_EQ(concrete_shape(seq, r), (Shape{1, 16}));
}

TEST(PrepareInputs, RandomInputsAreSeededAndWrittenAsNpy) {
  const std::string dir = testing::scratch_dir();
  InputRequest r;
  r.seed = 9;
  const PreparedInputs a = prepare_inputs({image("N")}, r, dir);
  EXPECT_EQ(a.description, "random (seed 9)");
  EXPECT_EQ(a.batch, 1);
  const Tensor first = read_npy(a.files.at("x"));
  EXPECT_EQ(first.shape, (Shape{1, 3, 8, 8}));
  const PreparedInputs b = prepare_inputs({image("N")}, r, dir);
  EXPECT_EQ(read_npy(b.files.at("x")).data, first.data);
}

TEST(PrepareInputs, GivenFilesAreCheckedAgainstTheModel) {
  const std::string dir = testing::scratch_dir();
  write_npy(dir + "/ints.npy", random_tensor(DType::kInt32, {1, 3, 8, 8}, 1));
  write_npy(dir + "/small.npy", random_tensor(DType::kFloat32, {1, 3, 4, 4}, 1));
  write_npy(dir + "/b2.npy", random_tensor(DType::kFloat32, {2, 3, 8, 8}, 1));
  InputRequest r;
  r.files = {dir + "/ints.npy"};
  std::string e = error_of([&] { prepare_inputs({image("N")}, r, dir); });
  EXPECT_NE(e.find("ints.npy: for model input 'x': dtype is int32, expected float32"),
            std::string::npos)
      << e;
  r.files = {dir + "/small.npy"};
  e = error_of([&] { prepare_inputs({image("N")}, r, dir); });
  EXPECT_NE(e.find("shape is [1,3,4,4], expected [N,3,8,8]"), std::string::npos) << e;
  r.files = {dir + "/b2.npy"};
  r.batch = 4;
  e = error_of([&] { prepare_inputs({image("N")}, r, dir); });
  EXPECT_NE(e.find("with batch 4"), std::string::npos) << e;
  r.batch = 0;
  const PreparedInputs ok = prepare_inputs({image("N")}, r, dir);
  EXPECT_EQ(ok.batch, 2);  // the file's own batch
  r.files = {dir + "/b2.npy", dir + "/b2.npy"};
  e = error_of([&] { prepare_inputs({image("N")}, r, dir); });
  EXPECT_NE(e.find("2 input file(s) given, the model has 1 input(s)"), std::string::npos) << e;
}

TEST(PrepareInputs, NamedFilesGoToTheirInputsWhateverTheOrder) {
  const std::string dir = testing::scratch_dir();
  write_npy(dir + "/a.npy", random_tensor(DType::kFloat32, {2}, 1));
  write_npy(dir + "/b.npy", random_tensor(DType::kInt64, {3}, 2));
  InputRequest r;
  r.files = {"b=" + dir + "/b.npy", "a=" + dir + "/a.npy"};
  const PreparedInputs p = prepare_inputs({{"a", "float32", {2}}, {"b", "int64", {3}}}, r, dir);
  EXPECT_EQ(read_npy(p.files.at("b")).dtype, DType::kInt64);
  EXPECT_EQ(read_npy(p.files.at("a")).dtype, DType::kFloat32);
}

TEST(PrepareInputs, AFolderOfOnnxTestDataIsReadInOrder) {
  const std::string set =
      "/usr/share/libonnx-testdata/data/node/test_conv_with_strides_padding/test_data_set_0";
  if (!std::filesystem::exists(set)) GTEST_SKIP() << "libonnx-testdata is not installed";
  // The folder also holds output_0.pb; only a model with three inputs would take all of it.
  InputRequest r;
  r.files = {set + "/input_0.pb", set + "/input_1.pb"};
  const PreparedInputs p = prepare_inputs(
      {{"x", "float32", {1, 1, 7, 5}}, {"W", "float32", {1, 1, 3, 3}}}, r, testing::scratch_dir());
  EXPECT_EQ(read_npy(p.files.at("W")).shape, (Shape{1, 1, 3, 3}));
  EXPECT_NE(p.description.find("input_0.pb"), std::string::npos);
}

TEST(PrepareInputs, AWholeTestDataFolderGivesOnlyItsInputs) {
  const std::string set =
      "/usr/share/libonnx-testdata/data/node/test_conv_with_strides_padding/test_data_set_0";
  if (!std::filesystem::exists(set)) GTEST_SKIP() << "libonnx-testdata is not installed";
  InputRequest r;
  r.files = {set};  // input_0.pb, input_1.pb and output_0.pb
  const PreparedInputs p = prepare_inputs(
      {{"x", "float32", {1, 1, 7, 5}}, {"W", "float32", {1, 1, 3, 3}}}, r, testing::scratch_dir());
  EXPECT_EQ(p.files.size(), 2u);
  EXPECT_EQ(p.description.find("output_0.pb"), std::string::npos) << p.description;
}

TEST(PrepareInputs, ATestDataFolderOfAModelWithoutInputsGivesNone) {
  const std::string set = "/usr/share/libonnx-testdata/data/node/test_constant/test_data_set_0";
  if (!std::filesystem::exists(set)) GTEST_SKIP() << "libonnx-testdata is not installed";
  InputRequest r;
  r.files = {set};  // output_0.pb only
  EXPECT_TRUE(prepare_inputs({}, r, testing::scratch_dir()).files.empty());
}

TEST(PrepareInputs, AFolderOfNamedNpyFilesMatchesByFileName) {
  const std::string dir = testing::scratch_dir();
  std::filesystem::create_directories(dir + "/in");
  write_npy(dir + "/in/tokens.npy", random_tensor(DType::kInt64, {1, 4}, 1));
  write_npy(dir + "/in/mask.npy", random_tensor(DType::kFloat32, {1, 4}, 2));
  InputRequest r;
  r.files = {dir + "/in"};  // sorted: mask.npy, tokens.npy; the model wants tokens first
  const PreparedInputs p =
      prepare_inputs({{"tokens", "int64", {1, 4}}, {"mask", "float32", {1, 4}}}, r, dir);
  EXPECT_EQ(read_npy(p.files.at("tokens")).dtype, DType::kInt64);
  EXPECT_EQ(read_npy(p.files.at("mask")).dtype, DType::kFloat32);
}

TEST(PrepareInputs, ANameTheModelDoesNotHaveIsAnErrorListingItsInputs) {
  const std::string dir = testing::scratch_dir();
  write_npy(dir + "/a.npy", random_tensor(DType::kFloat32, {2}, 1));
  InputRequest r;
  r.files = {"input=" + dir + "/a.npy", "b=" + dir + "/a.npy"};
  const std::string e = error_of([&] {
    prepare_inputs({{"a", "float32", {2}}, {"b", "float32", {2}}}, r, dir);
  });
  EXPECT_EQ(e,
            "--input input=" + dir + "/a.npy: the model has no input 'input' (its inputs: a, b)");
}

TEST(PrepareInputs, UnknownFileTypeIsAnError) {
  InputRequest r;
  r.files = {"/tmp/whatever.txt"};
  const std::string e = error_of([&] { prepare_inputs({image("N")}, r, testing::scratch_dir()); });
  EXPECT_NE(e.find("expected .npy or .pb"), std::string::npos) << e;
}

}  // namespace
}  // namespace onnxbench
