// onnxbench quantize and compare end to end: a generated CNN quantized and compared, a classifier
// trained on scikit-learn's digits keeping its held-out accuracy, and one-line errors for bad
// calibration data, tables and models.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "core/npy.h"
#include "core/tensor_compare.h"
#include "graph/builder.h"
#include "graph/loader.h"
#include "support/built_once.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using model::attr_ints;
using testing::CliResult;
using testing::run_cli;

class QuantizeCli : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::scratch_dir(); }

  // image [N,1,8,8] -> Conv(8,3x3,pad 1) -> Relu -> GlobalAveragePool -> Flatten -> Gemm(10)
  std::string small_classifier() {
    model::ModelBuilder b;
    b.input("image", DType::kFloat32, {"N", 1, 8, 8})
        .random_initializer("w", {8, 1, 3, 3}, 1, 0.5f)
        .random_initializer("b", {8}, 2, 0.1f)
        .node("Conv", {"image", "w", "b"}, {"c"}, {attr_ints("pads", {1, 1, 1, 1})}, "conv")
        .node("Relu", {"c"}, {"r"})
        .node("GlobalAveragePool", {"r"}, {"g"})
        .node("Flatten", {"g"}, {"f"})
        .random_initializer("wf", {8, 10}, 3, 0.5f)
        .node("MatMul", {"f", "wf"}, {"logits"}, {}, "fc")
        .output("logits", DType::kFloat32, {"N", 10});
    return save(b.build(), "classifier.onnx");
  }
  std::string save(const onnx::ModelProto& m, const std::string& name) {
    model::save_model(m, dir_ + "/" + name);
    return dir_ + "/" + name;
  }
  std::string npy(const std::string& name, const Tensor& t) {
    write_npy(dir_ + "/" + name, t);
    return dir_ + "/" + name;
  }
  void expect_error(const std::string& args, const std::vector<std::string>& fragments) {
    EXPECT_TRUE(testing::is_one_line_error(run_cli(args), fragments));
    EXPECT_FALSE(fs::exists(dir_ + "/out.onnx"));
    EXPECT_FALSE(fs::exists(dir_ + "/out.onnx.tmp"));
  }
  std::string dir_;
};

// Issue 22: a raw export is simplified first, as ONNX Runtime's quant_pre_process does, so its
// biases behind Identity nodes are quantized instead of each getting a note.
TEST_F(QuantizeCli, ARawExportIsSimplifiedFirst) {
  // As PyTorch exports it: the bias reaches the Conv through an Identity.
  model::ModelBuilder b;
  b.input("image", DType::kFloat32, {"N", 1, 8, 8})
      .random_initializer("w", {8, 1, 3, 3}, 1, 0.5f)
      .random_initializer("b", {8}, 2, 0.1f)
      .node("Identity", {"b"}, {"b_id"})
      .node("Conv", {"image", "w", "b_id"}, {"c"}, {attr_ints("pads", {1, 1, 1, 1})}, "conv")
      .node("Relu", {"c"}, {"y"})
      .output("y", DType::kFloat32, {"N", 8, 8, 8});
  const std::string model = save(b.build(), "raw.onnx");
  const CliResult r = run_cli("quantize " + model + " --calib random:2 -o " + dir_ + "/q.onnx");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("note: " + model +
                          ": simplified before quantizing, as ONNX Runtime's quant_pre_process "
                          "does (removed Identity: 1"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("biases: 1 (int32)"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("bias kept in float"), std::string::npos) << r.output;
}

TEST_F(QuantizeCli, OpenCvSaysWhyItCannotRunTheInt8Model) {
  const std::string q = dir_ + "/q.onnx";
  ASSERT_EQ(run_cli("quantize " + small_classifier() + " --calib random:2 -o " + q).exit_code, 0);
  // OpenCV gets a simplified copy (one note says so); the error names the user's file.
  const CliResult cv = run_cli("run " + q + " --engine opencv -o " + dir_ + "/out");
  EXPECT_EQ(cv.exit_code, 1) << cv.output;
  const std::string error = cv.output.substr(cv.output.find("onnxbench: error: "));
  EXPECT_EQ(std::count(error.begin(), error.end(), '\n'), 1) << cv.output;
  for (const char* part : {"not found in const blobs", "OpenCV 4.6 cannot run QDQ int8 models",
                           "not on constant weights", "run this model on onnxruntime"})
    EXPECT_NE(error.find(part), std::string::npos) << part << "\n" << cv.output;
  EXPECT_EQ(error.rfind("onnxbench: error: " + q + " (simplified for opencv", 0), 0u) << error;
  EXPECT_EQ(run_cli("run " + q + " --engine onnxruntime -o " + dir_ + "/out").exit_code, 0);
}

TEST_F(QuantizeCli, QuantizeAndCompareTakeDimAndBatchAsTheirMessagesSay) {
  // x [N, seq, 8] -> MatMul(8x4): a symbolic dimension besides the batch.
  model::ModelBuilder b;
  b.input("x", DType::kFloat32, {"N", "seq", 8})
      .random_initializer("w", {8, 4}, 1, 0.5f)
      .node("MatMul", {"x", "w"}, {"y"}, {}, "fc")
      .output("y", DType::kFloat32, {"N", "seq", 4});
  const std::string model = save(b.build(), "seq.onnx");
  const std::string q = dir_ + "/q.onnx";
  const CliResult missing = run_cli("quantize " + model + " --calib random:2 -o " + q);
  EXPECT_EQ(missing.exit_code, 1);  // after the warning that random data calibrates poorly
  EXPECT_NE(missing.output.find("onnxbench: error: model input 'x' dimension 1 ('seq') has no "
                                "size; give one with --dim seq=N"),
            std::string::npos)
      << missing.output;
  const CliResult quantized =
      run_cli("quantize " + model + " --calib random:2 --dim seq=5 --batch 2 -o " + q);
  ASSERT_EQ(quantized.exit_code, 0) << quantized.output;
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("compare " + model + " " + q + " --inputs random:2"), {"seq", "--dim"}));
  const CliResult compared =
      run_cli("compare " + model + " " + q + " --inputs random:2 --dim seq=5 --batch 2 --json " +
              dir_ + "/c.json");
  ASSERT_EQ(compared.exit_code, 0) << compared.output;
  EXPECT_TRUE(fs::exists(dir_ + "/c.json"));
  // Issue 22: two samples are few, and compare says how little they carry.
  EXPECT_NE(compared.output.find("FEW SAMPLES  only 2 samples: one sample moves top-1 agreement by "
                                 "50.0 points"),
            std::string::npos)
      << compared.output;
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("compare " + model + " " + q + " --inputs random:2 --dim seq"),
      {"--dim 'seq'", "SYMBOL=N"}));
}

TEST_F(QuantizeCli, QuantizesSavesAndReusesTheCalibrationTableAndCompares) {
  const std::string model = small_classifier();
  const std::string calib = npy("calib.npy", random_tensor(DType::kFloat32, {40, 1, 8, 8}, 4));
  const CliResult q = run_cli("quantize " + model + " --calib " + calib +
                              " --calib-batch 10 --method percentile --save-calib-table " + dir_ +
                              "/table.json -o " + dir_ + "/int8.onnx");
  ASSERT_EQ(q.exit_code, 0) << q.output;
  for (const char* line : {"calibration: 40 samples from ", "in batches of 10",
                           "weights: 2 (int8, per channel)", "biases: 1 (int32)", "wrote "})
    EXPECT_NE(q.output.find(line), std::string::npos) << line << "\n" << q.output;

  const CliResult again = run_cli("quantize " + model + " --calib-table " + dir_ +
                                  "/table.json --per-tensor -o " + dir_ + "/int8_table.onnx");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(again.output.find("calibration:"), std::string::npos) << "nothing recalibrated";
  EXPECT_NE(again.output.find("(int8, per tensor)"), std::string::npos) << again.output;

  const CliResult c = run_cli("compare " + model + " " + dir_ + "/int8.onnx --inputs " + calib +
                              " --batch 20 --csv " + dir_ + "/similarities.csv --json " + dir_ +
                              "/similarities.json");
  ASSERT_EQ(c.exit_code, 0) << c.output;
  for (const char* line : {"over 2 sample(s)", "top-1 agree", "logits", "worst tensors"})
    EXPECT_NE(c.output.find(line), std::string::npos) << line << "\n" << c.output;
  EXPECT_TRUE(fs::exists(dir_ + "/similarities.csv"));
  EXPECT_TRUE(fs::exists(dir_ + "/similarities.json"));
}

// The output row of compare is the candidate as a user runs it: the same SQNR as plain `run`s of
// both models on the same inputs. Every tensor exposed (what compare's intermediate rows need)
// stops ONNX Runtime fusing the int8 nodes and gives other outputs: compare's row for the exposed
// copy differs, which a row taken from the instrumented candidate would repeat.
TEST_F(QuantizeCli, CompareOutputRowComesFromTheUnmodifiedCandidate) {
  const std::string model = dir_ + "/demo.onnx", q = dir_ + "/demo.int8.onnx";
  const std::string exposed = dir_ + "/exposed.onnx";
  ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + model).exit_code, 0);
  ASSERT_EQ(run_cli("quantize " + model + " --calib random:8 -o " + q).exit_code, 0);
  ASSERT_EQ(run_cli("transform " + q + " --pass expose=all -o " + exposed).exit_code, 0);
  fs::create_directories(dir_ + "/samples");
  std::vector<std::string> samples;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    samples.push_back(dir_ + "/samples/input" + std::to_string(seed) + ".npy");
    write_npy(samples.back(), random_tensor(DType::kFloat32, {1, 3, 96, 96}, seed));
  }
  // Graph output -> SQNR in compare's record of the float model against `candidate`.
  const auto compared = [&](const std::string& candidate) {
    const CliResult c = run_cli("compare " + model + " " + candidate + " --inputs " + dir_ +
                                "/samples --json " + dir_ + "/compare.json");
    EXPECT_EQ(c.exit_code, 0) << c.output;
    const auto record = nlohmann::json::parse(read_file(dir_ + "/compare.json"));
    std::map<std::string, double> sqnr;
    for (const auto& t : record["tensors"])
      if (t["is_output"].get<bool>()) sqnr[t["tensor"].get<std::string>()] = t["sqnr_db"];
    return sqnr;
  };
  // The same from plain runs of both models, sample by sample.
  std::map<std::string, TensorAgreement> agreement;
  for (const auto& sample : samples) {
    std::map<std::string, Tensor> out[2];
    for (int i = 0; i < 2; ++i) {
      const std::string folder = dir_ + "/run";
      fs::remove_all(folder);
      const CliResult r =
          run_cli("run " + (i ? q : model) + " --input " + sample + " -o " + folder);
      ASSERT_EQ(r.exit_code, 0) << r.output;
      for (const auto& f : fs::directory_iterator(folder))
        out[i][f.path().stem().string()] = read_npy(f.path().string());
    }
    for (const auto& [tensor, reference] : out[0])
      agreement[tensor].add(reference, out[1].at(tensor));
  }
  const auto of_q = compared(q), of_exposed = compared(exposed);
  ASSERT_FALSE(of_q.empty());
  for (const auto& [tensor, a] : agreement) {
    ASSERT_TRUE(of_q.count(tensor)) << tensor;
    EXPECT_NEAR(of_q.at(tensor), a.sqnr_db(), 1e-6) << tensor;
    EXPECT_GT(std::abs(of_exposed.at(tensor) - of_q.at(tensor)), 0.1)
        << tensor << ": exposing every tensor no longer changes ONNX Runtime's outputs here, so "
        << "this test no longer tells the two apart";
  }
}

// compare is not only for QDQ models: a float16 copy shares every tensor name with its original.
TEST_F(QuantizeCli, CompareMatchesAFloat16ModelTensorByTensor) {
  const std::string model = small_classifier();
  ASSERT_EQ(run_cli("transform " + model + " --pass fp16 -o " + dir_ + "/fp16.onnx").exit_code, 0);
  const CliResult c = run_cli("compare " + model + " " + dir_ + "/fp16.onnx --inputs random:2 " +
                              "--worst 0 --json " + dir_ + "/c.json");
  ASSERT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(c.output.find("compared 5 tensors over 2 sample(s)"), std::string::npos) << c.output;
  EXPECT_EQ(c.output.find("no counterpart"), std::string::npos) << c.output;
  EXPECT_NE(c.output.find("100.0 %"), std::string::npos) << c.output;
}

TEST_F(QuantizeCli, BadCalibrationDataAndModelsAreOneLineErrors) {
  const std::string model = small_classifier();
  const std::string out = " -o " + dir_ + "/out.onnx";
  expect_error("quantize " + model + out, {"--calib DATA or --calib-table FILE"});
  expect_error("quantize " + model + " --calib " +
                   npy("rgb.npy", random_tensor(DType::kFloat32, {4, 3, 8, 8}, 1)) + out,
               {"rgb.npy", "image"});
  expect_error("quantize " + model + " --calib " +
                   npy("ints.npy", random_tensor(DType::kInt64, {4, 1, 8, 8}, 1)) + out,
               {"ints.npy", "int64"});
  fs::create_directories(dir_ + "/empty");
  expect_error("quantize " + model + " --calib " + dir_ + "/empty" + out,
               {"empty", "no calibration samples"});
  expect_error("quantize " + model + " --calib random:0" + out, {"random:N with N >= 1"});

  write_file(dir_ + "/table.json", R"({"format": "onnxbench-calibration-table",
    "tensors": {"c": {"lo": 1}}})");
  expect_error("quantize " + model + " --calib-table " + dir_ + "/table.json" + out,
               {"table.json: tensors.c.hi: missing"});

  model::ModelBuilder exp_only;
  exp_only.input("x", DType::kFloat32, {1, 4})
      .node("Exp", {"x"}, {"y"})
      .output("y", DType::kFloat32);
  expect_error("quantize " + save(exp_only.build(), "exp.onnx") + " --calib random:2" + out,
               {"no node to quantize"});
}

bool python_can_train_digits() {
  return std::system("/usr/bin/python3 -c 'import torch, sklearn' >/dev/null 2>&1") == 0;
}

// Held-out accuracy of `model` on the digits fixture: the share of argmax(logits) equal to labels.
double digits_accuracy(const std::string& model, const std::string& data, const std::string& out) {
  const CliResult r = run_cli("run " + model + " --input " + data + "/test_x.npy -o " + out);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const Tensor logits = read_npy(out + "/logits.npy");
  const Tensor labels = read_npy(data + "/test_y.npy");
  const std::int64_t rows = labels.element_count();
  std::int64_t right = 0;
  for (std::int64_t i = 0; i < rows; ++i) {
    const float* row = logits.as<float>() + i * 10;
    right += std::max_element(row, row + 10) - row == labels.as<std::int64_t>()[i];
  }
  return static_cast<double>(right) / static_cast<double>(rows);
}

// Issue 4's bar: a trained classifier quantized with 300 calibration samples stays within one
// point of its float top-1 accuracy on held-out data.
TEST_F(QuantizeCli, ATrainedDigitsClassifierKeepsItsAccuracyWithinOnePoint) {
  if (!python_can_train_digits())
    GTEST_SKIP() << "/usr/bin/python3 cannot import torch and sklearn (Debian's python3-torch, "
                    "python3-sklearn): the digits accuracy check is skipped";
  const std::string data = testing::build_dir() + "/models/digits";
  const std::string cmd = "/usr/bin/python3 " + testing::source_dir() +
                          "/tests/quant/fixtures/train_digits.py " + data + " >" + data +
                          "/train.log 2>&1";
  ASSERT_TRUE(testing::built_once(data, "test_y.npy", cmd)) << "see " << data << "/train.log";
  const CliResult q = run_cli("quantize " + data + "/digits_cnn.onnx --calib " + data +
                              "/calib.npy --calib-batch 50 -o " + dir_ + "/digits_int8.onnx");
  ASSERT_EQ(q.exit_code, 0) << q.output;
  const double float_accuracy = digits_accuracy(data + "/digits_cnn.onnx", data, dir_ + "/f");
  const double int8_accuracy = digits_accuracy(dir_ + "/digits_int8.onnx", data, dir_ + "/q");
  std::cout << "digits top-1: float " << float_accuracy << ", int8 " << int8_accuracy << "\n";
  EXPECT_GT(float_accuracy, 0.95);
  EXPECT_LE(float_accuracy - int8_accuracy, 0.01);
}

}  // namespace
}  // namespace onnxbench
