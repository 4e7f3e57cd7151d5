// .npy files mapped into memory (MappedNpy), as runners read their inputs, and bfloat16.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "core/error.h"
#include "core/file_io.h"
#include "core/half.h"
#include "core/npy.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

TEST(MappedNpy, SeesTheBytesWriteNpyWrote) {
  const std::string path = testing::scratch_dir() + "/t.npy";
  const Tensor t = random_tensor(DType::kFloat32, {2, 3, 5}, 11);
  write_npy(path, t);
  const MappedNpy mapped(path);
  EXPECT_EQ(mapped.dtype(), DType::kFloat32);
  EXPECT_EQ(mapped.shape(), t.shape);
  ASSERT_EQ(mapped.byte_size(), t.byte_size());
  EXPECT_EQ(std::memcmp(mapped.data(), t.data.data(), t.byte_size()), 0);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(mapped.data()) % 64, 0u);  // mapped, aligned
  testing::remove_scratch_dir();
}

// A header NumPy would never write (data at byte 74): the data is copied into aligned memory.
TEST(MappedNpy, MisalignedDataIsCopied) {
  const std::string path = testing::scratch_dir() + "/odd.npy";
  const std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
  std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(header.size() + 1);
  bytes += '\0';
  bytes += header + "\n";
  const float values[] = {1.5f, -2.0f};
  bytes.append(reinterpret_cast<const char*>(values), sizeof values);
  write_file(path, bytes);
  MappedNpy mapped(path);
  const MappedNpy moved(std::move(mapped));
  ASSERT_EQ(moved.byte_size(), sizeof values);
  EXPECT_EQ(std::memcmp(moved.data(), values, sizeof values), 0);
  testing::remove_scratch_dir();
}

TEST(MappedNpy, BadFilesNameTheFile) {
  const std::string dir = testing::scratch_dir();
  write_file(dir + "/empty.npy", "");
  EXPECT_THROW(MappedNpy(dir + "/empty.npy"), InputError);
  write_file(dir + "/short.npy", format_npy(Tensor(DType::kFloat32, {4})).substr(0, 80));
  try {
    MappedNpy m(dir + "/short.npy");
    ADD_FAILURE() << "a truncated file was mapped";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("short.npy: not a valid .npy file"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(MappedNpy(dir + "/missing.npy"), InputError);
  testing::remove_scratch_dir();
}

TEST(BFloat16, RoundsToNearestEvenAndKeepsNaN) {
  EXPECT_EQ(float_to_bfloat16(1.0f), 0x3f80);
  EXPECT_EQ(bfloat16_to_float(0x3f80), 1.0f);
  EXPECT_EQ(bfloat16_to_float(float_to_bfloat16(-2.25f)), -2.25f);
  EXPECT_EQ(float_to_bfloat16(1.00390625f), 0x3f80);  // halfway: to even
  EXPECT_EQ(float_to_bfloat16(1.01171875f), 0x3f82);  // halfway: to even (up)
  EXPECT_TRUE(std::isnan(bfloat16_to_float(float_to_bfloat16(std::nanf("")))));
}

}  // namespace
}  // namespace onnxbench
