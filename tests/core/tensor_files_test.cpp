#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "core/file_io.h"
#include "core/half.h"
#include "core/npy.h"
#include "core/tensor_pb.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

class EveryDType : public ::testing::TestWithParam<DType> {};

TEST_P(EveryDType, NpyRoundTripKeepsTypeShapeAndBytes) {
  const Tensor t = random_tensor(GetParam(), {2, 3, 5}, 42);
  const std::string path = testing::scratch_dir() + "/t.npy";
  write_npy(path, t);
  const Tensor back = read_npy(path);
  EXPECT_EQ(back.dtype, t.dtype);
  EXPECT_EQ(back.shape, t.shape);
  EXPECT_EQ(back.data, t.data);
  // NumPy aligns the data to 64 bytes.
  EXPECT_EQ((fs::file_size(path) - t.byte_size()) % 64, 0u);
}

TEST_P(EveryDType, TensorProtoRoundTripKeepsTypeShapeBytesAndName) {
  const Tensor t = random_tensor(GetParam(), {4, 1, 3}, 7);
  const std::string path = testing::scratch_dir() + "/t.pb";
  write_tensor_pb(path, t, "x");
  const NamedTensor back = read_tensor_pb(path);
  EXPECT_EQ(back.name, "x");
  EXPECT_EQ(back.tensor.dtype, t.dtype);
  EXPECT_EQ(back.tensor.shape, t.shape);
  EXPECT_EQ(back.tensor.data, t.data);
}

INSTANTIATE_TEST_SUITE_P(Core, EveryDType, ::testing::ValuesIn(kAllDTypes),
                         [](const auto& info) { return std::string(dtype_name(info.param)); });

TEST(Npy, ScalarAndOneDimShapesUsePythonTupleSyntax) {
  EXPECT_NE(format_npy(Tensor(DType::kFloat32, {})).find("'shape': ()"), std::string::npos);
  EXPECT_NE(format_npy(Tensor(DType::kFloat32, {3})).find("'shape': (3,)"), std::string::npos);
  EXPECT_NE(format_npy(Tensor(DType::kFloat32, {2, 3})).find("'shape': (2, 3)"), std::string::npos);
  const Tensor scalar = parse_npy(format_npy(Tensor(DType::kInt64, {})), "s.npy");
  EXPECT_TRUE(scalar.shape.empty());
  EXPECT_EQ(scalar.element_count(), 1);
}

void expect_npy_error(const std::string& bytes, const std::string& fragment) {
  try {
    parse_npy(bytes, "bad.npy");
    FAIL() << "expected an error containing: " << fragment;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.npy"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(Npy, BadFilesNameTheFileAndTheField) {
  std::string good = format_npy(random_tensor(DType::kFloat32, {2, 2}, 1));
  expect_npy_error("hello world, not numpy", "magic");
  expect_npy_error(good.substr(0, 12), "truncated header");
  expect_npy_error(good.substr(0, good.size() - 4), "data is 12 bytes");
  std::string fortran = good;
  fortran.replace(fortran.find("False"), 5, "True ");
  expect_npy_error(fortran, "fortran_order");
  std::string object = good;
  object.replace(object.find("<f4"), 3, "|O8");
  expect_npy_error(object, "'descr'");
  std::string big = good;
  big.replace(big.find("<f4"), 3, ">f4");
  expect_npy_error(big, "big-endian");
}

TEST(Npy, MissingFileNamesIt) {
  try {
    read_npy("/nonexistent/x.npy");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/x.npy"), std::string::npos);
  }
}

TEST(TensorProto, ReadsOnnxConformanceData) {
  // ONNX's own test data: test_relu's input and expected output.
  const std::string dir = "/usr/share/libonnx-testdata/data/node/test_relu/test_data_set_0/";
  if (!fs::exists(dir)) GTEST_SKIP() << "libonnx-testdata is not installed";
  const NamedTensor in = read_tensor_pb(dir + "input_0.pb");
  const NamedTensor out = read_tensor_pb(dir + "output_0.pb");
  ASSERT_EQ(in.tensor.dtype, DType::kFloat32);
  ASSERT_EQ(in.tensor.shape, out.tensor.shape);
  for (std::int64_t i = 0; i < in.tensor.element_count(); ++i)
    EXPECT_FLOAT_EQ(out.tensor.as<float>()[i], std::max(0.0f, in.tensor.as<float>()[i]));
}

TEST(TensorProto, GarbageAndSizeMismatchAreClearErrors) {
  const std::string dir = testing::scratch_dir();
  write_file(dir + "/garbage.pb", std::string("\xff\xff\xff\xff garbage", 12));
  EXPECT_THROW(read_tensor_pb(dir + "/garbage.pb"), InputError);
  write_tensor_pb(dir + "/ok.pb", random_tensor(DType::kFloat32, {3}, 1));
  std::string bytes = read_file(dir + "/ok.pb");
  write_file(dir + "/short.pb", bytes.substr(0, bytes.size() - 4));
  EXPECT_THROW(read_tensor_pb(dir + "/short.pb"), InputError);
}

TEST(Half, RoundTripsExactValuesAndRoundsToNearestEven) {
  for (float v : {0.0f, -0.0f, 1.0f, -2.5f, 65504.0f, 6.103515625e-05f, 5.9604645e-08f})
    EXPECT_EQ(half_to_float(float_to_half(v)), v) << v;
  EXPECT_EQ(float_to_half(1.0f + 0x1.0p-11f), float_to_half(1.0f));  // tie rounds to even
  EXPECT_EQ(half_to_float(float_to_half(1e6f)), INFINITY);
  EXPECT_TRUE(std::isnan(half_to_float(float_to_half(NAN))));
}

TEST(RandomTensor, SameSeedSameBytesOtherSeedOtherBytes) {
  const Tensor a = random_tensor(DType::kFloat32, {64}, 5);
  EXPECT_EQ(a.data, random_tensor(DType::kFloat32, {64}, 5).data);
  EXPECT_NE(a.data, random_tensor(DType::kFloat32, {64}, 6).data);
  for (std::int64_t i = 0; i < a.element_count(); ++i) {
    EXPECT_GE(a.as<float>()[i], -1.0f);
    EXPECT_LT(a.as<float>()[i], 1.0f);
  }
}

}  // namespace
}  // namespace onnxbench

namespace onnxbench {
namespace {

TEST(Npy, AShapeLargerThanTheFileIsRefusedBeforeAnyAllocation) {
  std::string huge = format_npy(random_tensor(DType::kFloat32, {3}, 1));
  huge.replace(huge.find("(3,)"), 4, "(1000000000000,)");
  expect_npy_error(huge, "more than the limit of 16 GiB");
  std::string overflow = format_npy(random_tensor(DType::kFloat32, {3}, 1));
  overflow.replace(overflow.find("(3,)"), 4, "(4294967296, 4294967296, 4)");
  expect_npy_error(overflow, "more elements than fit in 64 bits");
}

TEST(FileIo, APipeIsNotAFile) {
  const std::string fifo = testing::scratch_dir() + "/fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  try {
    read_file(fifo);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace onnxbench
