#include "engines/qualcomm/qnn_profile_output.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace onnxbench::qualcomm {
namespace {

const char* kReport =
    "Qnn Init/Prepare/Finalize/De-Init/Execute/Lib-Load Statistics:\n"
    "------------------------------------------------------------\n"
    "Init Stats:\n"
    "-----------\n"
    "    NetRun: 331158 us\n"
    "\n"
    "Execute Stats (Average):\n"
    "------------------------\n"
    "Total Inference Time:\n"
    "---------------------\n"
    "    NetRun: 1250 us\n"
    "    Backend (Number of HVX threads used): 4 count\n"
    "    Backend (RPC (execute) time): 1100 us\n"
    "    Backend (QNN accelerator (execute) time): 900 us\n"
    "    Backend (Accelerator (execute) time): 850 cycles\n"
    "    Backend (conv1): 500 us\n"
    "    Backend (relu1): 120 us\n"
    "\n"
    "Execute Stats (Min):\n"
    "--------------------\n"
    "    NetRun: 1000 us\n";

TEST(QualcommQnnProfileViewer, ExecuteStatsAndNodes) {
  const auto p = parse_qnn_profile_viewer(kReport, "qnn-profiling-data_0.log");
  EXPECT_EQ(p.netrun_us, (std::vector<double>{1250}));
  EXPECT_EQ(p.accelerator_us, (std::vector<double>{900}));
  ASSERT_EQ(p.nodes.size(), 2u);
  EXPECT_EQ(p.nodes[0].name, "conv1");
  EXPECT_EQ(p.nodes[1].samples_us, (std::vector<double>{120}));
}

TEST(QualcommQnnProfileViewer, PerExecutionBlocksWinOverTheAverage) {
  const std::string report = std::string(kReport) +
                             "Execute Stats (Execution 0):\n    NetRun: 1200 us\n"
                             "    Backend (conv1): 480 us\n"
                             "Execute Stats (Execution 1):\n    NetRun: 1300 us\n"
                             "    Backend (conv1): 520 us\n";
  const auto p = parse_qnn_profile_viewer(report, "qnn-profiling-data_0.log");
  EXPECT_EQ(p.netrun_us, (std::vector<double>{1200, 1300}));
  ASSERT_EQ(p.nodes.size(), 1u);
  EXPECT_EQ(p.nodes[0].samples_us, (std::vector<double>{480, 520}));
}

TEST(QualcommQnnProfileViewer, NoExecuteStatsIsAnError) {
  EXPECT_THROW(parse_qnn_profile_viewer("Init Stats:\n    NetRun: 5 us\n", "x.log"), InputError);
}

}  // namespace
}  // namespace onnxbench::qualcomm
