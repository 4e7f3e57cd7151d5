// Seed 001's latency table of a profile, written by the one latency table writer.
#include "latency/profile_table.h"

#include <gtest/gtest.h>

#include "core/file_io.h"
#include "support/profile_test_util.h"
#include "support/test_paths.h"

namespace onnxbench::latency {
namespace {

using testing::two_identical_convs;

TEST(ProfileLatencyTable, RowsFollowSeed001AndMergeLayersOfOneModule) {
  const std::string path = testing::scratch_dir() + "/table.csv";
  const std::string conv_uid = "Conv[group=1,kernel_shape=[3,3]][[1,8,8,8],[8,8,3,3]]";
  write_latency_table(path, profile_latency_table(
                                two_identical_convs(), {{"conv_a", conv_uid}, {"conv_b", conv_uid}},
                                "net.onnx", "CPU", summarize(std::vector<double>{150, 160, 170})));
  const std::string expected =
      "net.onnx,CPU,Forward Propagate,Min_Time,100.0\n"
      "net.onnx,CPU,Forward Propagate,Avg_Time,120.0\n"
      "net.onnx,CPU,Forward Propagate,Max_Time,140.0\n"
      "net.onnx,CPU,Total Inference Time,Min_Time,150.0\n"
      "net.onnx,CPU,Total Inference Time,Avg_Time,160.0\n"
      "net.onnx,CPU,Total Inference Time,Max_Time,170.0\n"
      "\"Conv[group=1,kernel_shape=[3,3]][[1,8,8,8],[8,8,3,3]]\",CPU,Layers Time,Min_Time,10.0\n"
      "\"Conv[group=1,kernel_shape=[3,3]][[1,8,8,8],[8,8,3,3]]\",CPU,Layers Time,Avg_Time,35.0\n"
      "\"Conv[group=1,kernel_shape=[3,3]][[1,8,8,8],[8,8,3,3]]\",CPU,Layers Time,Max_Time,60.0\n"
      "Relu[name=relu],CPU,Layers Time,Min_Time,1.0\n"
      "Relu[name=relu],CPU,Layers Time,Avg_Time,1.0\n"
      "Relu[name=relu],CPU,Layers Time,Max_Time,1.0\n";
  EXPECT_EQ(read_file(path), expected);
}

}  // namespace
}  // namespace onnxbench::latency
