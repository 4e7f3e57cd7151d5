// snpe-throughput-net-run, snpe-diagview CSV and snpe-dlc-info as onnxbench reads them, and the
// failures SNPE prints with exit status 0.
#include <gtest/gtest.h>

#include "core/error.h"
#include "engines/qualcomm/snpe_diagview_csv.h"
#include "engines/qualcomm/snpe_dlc_info.h"
#include "engines/qualcomm/snpe_throughput_output.h"

namespace onnxbench::qualcomm {
namespace {

const std::string kThroughputCommand =
    "snpe-throughput-net-run --duration 60 --use_dsp --container model.dlc --perf_profile balanced";

TEST(QualcommSnpeThroughput, TotalAndPerThread) {
  const ToolRun run{"snpe-throughput-net-run", kThroughputCommand, 0,
                    "Using container: model.dlc\n"
                    "Runtime: DSP, perf profile: balanced, duration: 60 s\n"
                    "Throughput for thread 0: 61.250 infs/sec\n"
                    "Throughput for thread 1: 60.500 infs/sec\n"
                    "Total throughput: 121.750 infs/sec\n"};
  const auto t = parse_snpe_throughput(run);
  EXPECT_DOUBLE_EQ(t.total_infs_per_sec, 121.75);
  EXPECT_EQ(t.thread_infs_per_sec, (std::vector<double>{61.25, 60.5}));
}

TEST(QualcommSnpeThroughput, Error402WithExitZeroIsAnErrorNotANumber) {
  const ToolRun run{"snpe-throughput-net-run", kThroughputCommand, 0,
                    "error_code=402; error_message=Runtime not available. error_component=Dl "
                    "System; line_no=... \n"
                    "Unable to create SNPE instance for thread 0\n"
                    "Total throughput: 0.000 infs/sec\n"};
  try {
    parse_snpe_throughput(run);
    FAIL() << "a failed run must not give a number";
  } catch (const ToolError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("snpe-throughput-net-run"), std::string::npos);
    EXPECT_NE(message.find("--use_dsp --container model.dlc"), std::string::npos) << message;
    EXPECT_NE(message.find("Unable to create SNPE instance"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line";
  }
}

TEST(QualcommSnpeThroughput, MissingTotalIsAnError) {
  const ToolRun run{"snpe-throughput-net-run", kThroughputCommand, 0, "Segmentation fault?\n"};
  EXPECT_THROW(parse_snpe_throughput(run), ToolError);
}

const char* kDiagCsv =
    "Message_ID,Message_Name,Message_Type,Message_Value,Message_Unit,Layer_Name,Runtime\n"
    "0,Init,TIME,52000,US,,\n"
    "1,Total Inference Time,TIME,700,US,,\n"
    "1,Forward Propagate,TIME,650,US,,\n"
    "1,Layer Time,TIME,10,US,input,CPU\n"
    "1,Layer Time,TIME,400,US,conv1,DSP\n"
    "1,Layer Time,TIME,200000,NS,relu1,DSP\n"
    "2,Total Inference Time,TIME,0.8,MS,,\n"
    "2,Forward Propagate,TIME,720,US,,\n"
    "2,Layer Time,TIME,12,US,input,CPU\n"
    "2,Layer Time,TIME,450,US,conv1,DSP\n"
    "2,Layer Time,TIME,220,US,relu1,DSP\n"
    "2,Accelerator cycles,COUNT,123456,CYCLES,,\n";

TEST(QualcommSnpeDiagview, ExecutionsAndLayersInMicroseconds) {
  const auto d = parse_snpe_diagview_csv(kDiagCsv, "layer_stats.csv");
  EXPECT_EQ(d.total_inference_us, (std::vector<double>{700, 800}));
  EXPECT_EQ(d.forward_propagate_us, (std::vector<double>{650, 720}));
  ASSERT_EQ(d.layers.size(), 3u);
  EXPECT_EQ(d.layers[1].name, "conv1");
  EXPECT_EQ(d.layers[1].runtime, "DSP");
  EXPECT_EQ(d.layers[2].samples_us, (std::vector<double>{200, 220}));
}

TEST(QualcommSnpeDiagview, WithoutExecutionsOrColumnsIsAnError) {
  EXPECT_THROW(parse_snpe_diagview_csv("a,b\n1,2\n", "x.csv"), InputError);
  EXPECT_THROW(
      parse_snpe_diagview_csv("Message_Name,Message_Value,Message_Unit\nInit,5,US\n", "x.csv"),
      InputError);
}

const char* kDlcInfo =
    "DLC info for: /models/yolo_quant.dlc\n"
    "Model Version: N/A\n"
    "-----------------------------------------------------------------------------------\n"
    "| Id | Name | Type | Inputs | Outputs | Out Dims | Runtimes | Parameters |\n"
    "-----------------------------------------------------------------------------------\n"
    "| 0 | images | Input | images (data type: uFxp_8) | images (data type: uFxp_8) | 1x288x512x3 "
    "| A D G C | encoding for images: bitwidth 8, min 0.000000, max 1.000000, scale 0.003922, "
    "offset 0 |\n"
    "| 1 | conv1 | Conv2d | images (data type: uFxp_8) | conv1 (data type: uFxp_8) | 1x144x256x16 "
    "| A D G C | weights: 432 |\n"
    "|   |       |        |                             |                            |             "
    " |         | encoding for conv1: bitwidth 8, min -3.210000, max 5.120000, scale 0.032667, "
    "offset -98 |\n"
    "Total parameters: 4325 (0 MB assuming single precision float)\n"
    "Total MACs per inference: 1.5M (100%)\n";

TEST(QualcommSnpeDlcInfo, LayersTotalsAndEncodings) {
  const auto info = parse_snpe_dlc_info(kDlcInfo, "snpe-dlc-info -i yolo_quant.dlc");
  EXPECT_EQ(info.total_parameters, 4325u);
  EXPECT_EQ(info.total_macs, 1500000u);
  ASSERT_EQ(info.layers.size(), 2u);
  EXPECT_EQ(info.layers[0].data_types[0], "uFxp_8");
  ASSERT_EQ(info.layers[1].encodings.size(), 1u);
  const auto& e = info.layers[1].encodings[0];
  EXPECT_EQ(e.tensor, "conv1");
  EXPECT_EQ(e.bitwidth, 8);
  EXPECT_DOUBLE_EQ(e.min, -3.21);
  EXPECT_EQ(e.offset, -98);
}

TEST(QualcommSnpeDlcInfo, NoTableIsAnError) {
  EXPECT_THROW(parse_snpe_dlc_info("Total parameters: 1\n", "x"), InputError);
}

}  // namespace
}  // namespace onnxbench::qualcomm
