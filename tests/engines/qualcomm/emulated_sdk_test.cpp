// The snpe and qaic engines end to end against the emulated Qualcomm SDK
// (tests/support/emulated_qualcomm_sdk: programs named like Qualcomm's tools that run the model
// with onnxbench's OpenCV runner on this CPU). No timing here is a device timing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/file_io.h"
#include "core/npy.h"
#include "engines/engine.h"
#include "support/emulated_qualcomm.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class EmulatedQualcomm : public ::testing::Test {
 protected:
  void SetUp() override { make_sdk("cpu,gpu,gpu_fp16,dsp"); }
  void TearDown() override {
    testing::unset_emulated_qualcomm_sdk();
    testing::remove_scratch_dir();
  }

  // The emulated SDKs in this test's scratch folder, with the runtimes the emulated device has.
  void make_sdk(const std::string& runtimes) {
    dir_ = testing::scratch_dir();
    testing::make_emulated_qualcomm_sdk(dir_, runtimes);
  }

  std::string conv_model() {
    const std::string path = dir_ + "/conv.onnx";
    testing::write_conv_model(path);
    return path;
  }

  std::string input_file() {
    const std::string path = dir_ + "/images.npy";
    write_npy(path, random_tensor(DType::kFloat32, {1, 3, 5, 6}, 3));
    return path;
  }

  Tensor infer(const std::string& engine_name, const json& options) {
    Engine engine(engine_name, RunnerLimits{});
    engine.load(conv_model(), 1, options);
    const std::string out = dir_ + "/out-" + engine_name;
    fs::create_directories(out);
    const auto outputs = engine.infer({{"images", input_file()}}, out);
    EXPECT_EQ(outputs.size(), 1u);
    return read_npy(outputs.at(0).path);
  }

  std::size_t prepared_artifacts() {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir_ + "/cache")) n += e.is_directory();
    return n;
  }

  std::string dir_;
};

TEST_F(EmulatedQualcomm, SnpeOutputsComeBackInTheOnnxShapeAndLayout) {
  const Tensor reference = infer("opencv", json::object());
  const Tensor snpe = infer("snpe", {{"runtime", "dsp"}});
  EXPECT_EQ(snpe.shape, (Shape{1, 4, 5, 6}));
  EXPECT_EQ(snpe.data, reference.data);  // the same CPU computation behind .raw files in NHWC
}

TEST_F(EmulatedQualcomm, QnnOutputsAndNodeTimesOnTheHtpBackend) {
  const Tensor reference = infer("opencv", json::object());
  EXPECT_EQ(infer("qnn", {{"backend", "htp"}}).data, reference.data);
  Engine engine("qnn", RunnerLimits{});
  engine.load(conv_model(), 1, {{"backend", "htp"}});
  const ProfileRaw p = engine.profile({{"images", input_file()}}, 0, 2);
  EXPECT_EQ(p.total_us.size(), 2u);
  ASSERT_FALSE(p.layers.empty());
  EXPECT_EQ(p.layers.front().samples_us.size(), 2u);
}

TEST_F(EmulatedQualcomm, QnnBackendMissingOnTheDeviceIsOneClearError) {
  make_sdk("cpu");
  const auto r = testing::run_cli("bench " + conv_model() +
                                  " --engine qnn --set backend=htp --iterations 2 --warmup 1");
  EXPECT_TRUE(
      testing::is_one_line_error(r, {"qnn-net-run", "libQnnHtp.so", "Unable to load backend"}))
      << r.output;
}

TEST_F(EmulatedQualcomm, QuantizedDlcIsPreparedOnceWithSeed002Flags) {
  const json options = {{"runtime", "dsp"},   {"quantize", true},    {"per_channel", true},
                        {"act_bitwidth", 16}, {"bias_bitwidth", 32}, {"act_quantizer", "enhanced"}};
  infer("snpe", options);
  infer("snpe", options);
  EXPECT_EQ(prepared_artifacts(), 1u) << "the second load reuses the stored DLC";
  // seed 002's quant info: inspect reads the DLC through snpe-dlc-info.
  std::string dlc;
  for (const auto& e : fs::recursive_directory_iterator(dir_ + "/cache"))
    if (e.path().filename() == "model_quantized.dlc") dlc = e.path().string();
  const auto r = testing::run_cli("inspect " + dlc);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("uFxp_8"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("16 bit ["), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1x5x6x3"), std::string::npos) << "DLC inputs are NHWC: " << r.output;
  infer("snpe", {{"runtime", "dsp"}});
  EXPECT_EQ(prepared_artifacts(), 2u) << "other flags make another artifact";
}

TEST_F(EmulatedQualcomm, MissingDspRuntimeIsAnErrorNamingTheToolNotANumber) {
  make_sdk("cpu");
  Engine engine("snpe", RunnerLimits{});
  engine.load(conv_model(), 1, {{"runtime", "dsp"}});
  try {
    engine.infer({{"images", input_file()}}, dir_);
    FAIL() << "snpe-net-run printed error_code=402 and exited 0: that is a failure";
  } catch (const EngineError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("snpe-net-run"), std::string::npos) << m;
    EXPECT_NE(m.find("--use_dsp"), std::string::npos) << m;
    EXPECT_NE(m.find("Unable to create SNPE instance"), std::string::npos) << m;
  }
}

TEST_F(EmulatedQualcomm, SnpeProfileGivesLayerTimesFromDiagview) {
  Engine engine("snpe", RunnerLimits{});
  engine.load(conv_model(), 1, {{"runtime", "gpu"}});
  const ProfileRaw p = engine.profile({{"images", input_file()}}, 1, 3);
  EXPECT_EQ(p.total_us.size(), 3u);
  ASSERT_FALSE(p.layers.empty());
  bool conv = false;
  for (const auto& l : p.layers) {
    conv = conv || l.name == "conv1";
    EXPECT_EQ(l.samples_us.size(), 3u) << l.name;
  }
  EXPECT_TRUE(conv);
}

TEST_F(EmulatedQualcomm, EnginesListsVersionsOrWhatIsMissing) {
  auto r = testing::run_cli("engines snpe");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("snpe  2.22.0.240425"), std::string::npos) << r.output;
  r = testing::run_cli("bench " + conv_model() + " --engine qaic --sdk " + dir_ +
                       " --iterations 2");
  EXPECT_TRUE(
      testing::is_one_line_error(r, {"engine 'qaic'", dir_ + "/exec/qaic-runner is missing"}))
      << r.output;
  ::setenv("SNPE_ROOT", dir_.c_str(), 1);
  r = testing::run_cli("engines snpe");
  EXPECT_NE(r.output.find("not available"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("snpe-net-run is missing"), std::string::npos) << r.output;
}

TEST_F(EmulatedQualcomm, BenchSnpeOnTheDspRuntime) {
  const auto r = testing::run_cli("bench " + conv_model() +
                                  " --engine snpe --set runtime=dsp --iterations 20 --warmup 2");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("engine    snpe 2.22.0.240425"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("runtime dsp"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("20 requests"), std::string::npos) << r.output;
}

TEST_F(EmulatedQualcomm, BenchQaicWithInstancesAndSetSize) {
  const auto r =
      testing::run_cli("bench " + conv_model() +
                       " --engine qaic --set cores=4 --instances 2 --set-size 2 --iterations 40");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("40 requests"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("execTotal"), std::string::npos) << r.output;
}

TEST_F(EmulatedQualcomm, QaicInstancesBeyondTheCardsCoresAreOneClearError) {
  const auto r = testing::run_cli("bench " + conv_model() +
                                  " --engine qaic --set cores=8 --instances 2 --iterations 4");
  EXPECT_TRUE(testing::is_one_line_error(r, {"qaic-runner", "-a 2", "14 cores"})) << r.output;
}

TEST_F(EmulatedQualcomm, CompareEveryTensorAgainstTheOnnxModel) {
  // seed 002's per-layer similarity: compare exposes every tensor, snpe returns each as .raw.
  const auto r = testing::run_cli("compare " + conv_model() + " " + conv_model() +
                                  " --engine opencv --candidate-engine snpe");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("features"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("activations"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1.000000"), std::string::npos) << r.output;
}

TEST_F(EmulatedQualcomm, LatencyTableCarriesTheRealRuntime) {
  const std::string table = dir_ + "/latency.csv";
  const auto r = testing::run_cli("profile " + conv_model() +
                                  " --engine snpe --set runtime=gpu_fp16 --iterations 3 --warmup 1"
                                  " --latency-table " +
                                  table);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string csv = read_file(table);
  EXPECT_NE(csv.find(",GPU_FP16,Total Inference Time,Avg_Time,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(",CPU,"), std::string::npos) << csv;
}

TEST_F(EmulatedQualcomm, TuneQaicSearchesSeed004sKnobs) {
  // Seed 004's search space, a few evaluations of it.
  const std::string spec = dir_ + "/spec.json";
  write_file(spec, R"({"max_func_eval": 200, "objective": "maximize_inf_rate",
    "params": {"cores": {"min": 1, "max": 14}, "mos": {"min": 1, "max": 8},
               "ols": {"min": 1, "max": 8}, "instances": {"min": 1, "max": 14}},
    "initial_values": [{"cores": 2, "mos": 1, "ols": 1, "instances": 7},
                       {"cores": 14, "mos": 1, "ols": 1, "instances": 1}]})");
  const auto r = testing::run_cli("tune " + conv_model() + " --engine qaic --spec " + spec +
                                  " --max-evals 4 --trial-duration 0.2 --warmup 1 --lut " + dir_ +
                                  "/lut.csv --trials " + dir_ + "/trials.jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string lut = read_file(dir_ + "/lut.csv");
  EXPECT_NE(lut.find("qaic"), std::string::npos) << lut;
  EXPECT_NE(lut.find("cores"), std::string::npos) << lut;
}

}  // namespace
}  // namespace onnxbench
