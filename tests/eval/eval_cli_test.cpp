// eval and metric coco end to end: a CNN trained on Fashion-MNIST by Debian's torch (cached in
// the build folder), scored float and int8; COCO files scored by metric coco; bad input.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/csv.h"
#include "core/file_io.h"
#include "core/npy.h"
#include "support/built_once.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

using testing::run_cli;

const char kFashion[] = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";

// The trained model's folder, or "" when torch or the data set is missing.
std::string fashion_model() {
  const std::string dir = testing::build_dir() + "/models/fashion";
  if (!std::filesystem::exists(kFashion)) return "";
  const std::string cmd = "/usr/bin/python3 " + testing::source_dir() +
                          "/tests/eval/fixtures/train_fashion_mnist.py " + dir + " > " + dir +
                          "/train.log 2>&1";
  return testing::built_once(dir, "torch.json", cmd) ? dir : "";
}

nlohmann::json json_of(const testing::CliResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return nlohmann::json::parse(r.output);
}

TEST(EvalFashionMnist, FloatMatchesTorchAndInt8IsWithinOnePoint) {
  const std::string dir = fashion_model();
  if (dir.empty()) GTEST_SKIP() << "needs python3-torch and dataset-fashion-mnist";
  const auto torch = nlohmann::json::parse(read_file(dir + "/torch.json"));
  const std::string data = std::string(" --data ") + kFashion + " --batch 100";
  const auto f = json_of(run_cli("eval " + dir + "/fashion_cnn.onnx" + data + " --json -"));
  EXPECT_EQ(f["data"]["samples"], 10000);
  // The same inputs bit for bit, so the same argmax on every sample.
  EXPECT_DOUBLE_EQ(f["run"]["scores"]["top1"].get<double>(),
                   torch["correct"].get<double>() / torch["samples"].get<double>());

  const std::string int8 = testing::scratch_dir() + "/int8.onnx";
  ASSERT_EQ(
      run_cli("quantize " + dir + "/fashion_cnn.onnx --calib " + dir + "/calib.npy -o " + int8)
          .exit_code,
      0);
  const auto c = json_of(run_cli("eval " + dir + "/fashion_cnn.onnx" + data + " --compare " + int8 +
                                 " --resamples 200 --json -"));
  const double float_top1 = c["run"]["scores"]["top1"],
               int8_top1 = c["compare_run"]["scores"]["top1"];
  EXPECT_DOUBLE_EQ(float_top1, f["run"]["scores"]["top1"].get<double>());
  EXPECT_NEAR(int8_top1, float_top1, 0.01);
  const auto& top1 = c["comparison"]["metrics"][0];
  EXPECT_EQ(top1["metric"], "top1");
  EXPECT_DOUBLE_EQ(top1["difference"].get<double>(), int8_top1 - float_top1);
  EXPECT_LE(top1["interval95"][0].get<double>(), top1["difference"].get<double>());
  EXPECT_GE(top1["interval95"][1].get<double>(), top1["difference"].get<double>());
  // Samples only one model gets right account for the whole top-1 difference.
  EXPECT_NEAR((c["comparison"]["top1_only_b_right"].get<double>() -
               c["comparison"]["top1_only_a_right"].get<double>()) /
                  10000.0,
              int8_top1 - float_top1, 1e-12);
}

TEST(EvalFashionMnist, SeededSubsetAndBadInput) {
  const std::string dir = fashion_model();
  if (dir.empty()) GTEST_SKIP() << "needs python3-torch and dataset-fashion-mnist";
  const std::string model = dir + "/fashion_cnn.onnx";
  const auto a =
      json_of(run_cli("eval " + model + " --data " + kFashion + " --subset 300 --json -"));
  const auto b =
      json_of(run_cli("eval " + model + " --data " + kFashion + " --subset 300 --json -"));
  EXPECT_EQ(a["data"]["samples"], 300);
  EXPECT_EQ(a["run"]["scores"], b["run"]["scores"]);
  // Each chosen sample is read from its own place in the file (the whole set scores 86.7 %).
  EXPECT_GT(a["run"]["scores"]["top1"].get<double>(), 0.75);

  const std::string s = testing::scratch_dir();
  Tensor x(DType::kFloat32, {2, 1, 28, 28});
  Tensor y(DType::kInt64, {2});
  y.as<std::int64_t>()[1] = 12;
  write_npy(s + "/x.npy", x);
  write_npy(s + "/y.npy", y);
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("eval " + model + " --data " + s + "/x.npy --labels " + s + "/y.npy"),
      {"labels go up to 12", "outside the model's 10 classes"}));

  std::ofstream(s + "/list.txt") << "missing.png 3\n";
  EXPECT_TRUE(testing::is_one_line_error(run_cli("eval " + model + " --data " + s + "/list.txt"),
                                         {"list.txt:1", "missing.png does not exist"}));

  std::ofstream(s + "/nhwc.json") << R"({"layout": "nhwc"})";
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("eval " + model + " --data " + kFashion + " --preprocess " + s + "/nhwc.json"),
      {"gives NHWC", "input 'image'"}));
  std::ofstream(s + "/typo.json") << R"({"lay_out": "nhwc"})";
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("eval " + model + " --data " + kFashion + " --preprocess " + s + "/typo.json"),
      {"typo.json", "lay_out"}));
}

// The top-1 column of a --predictions CSV (header: sample,label,top1,top5).
std::vector<std::string> top1_column(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(read_file(path));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) out.push_back(csv_split(line)->at(2));
  return out;
}

TEST(EvalFashionMnist, ClassFoldersOfPngsScoreAsTheIdxFile) {
  const std::string dir = fashion_model();
  if (dir.empty()) GTEST_SKIP() << "needs python3-torch and dataset-fashion-mnist";
  const std::string s = testing::scratch_dir();
  ASSERT_EQ(std::system(("/usr/bin/python3 " + testing::source_dir() +
                         "/tests/eval/fixtures/fashion_mnist_folders.py " + s + "/folders 200")
                            .c_str()),
            0);
  const std::string model = "eval " + dir + "/fashion_cnn.onnx --batch 20 --predictions ";
  ASSERT_EQ(run_cli(model + s + "/folders.csv --data " + s + "/folders").exit_code, 0);
  ASSERT_EQ(run_cli(model + s + "/idx.csv --data " + kFashion + " --json -").exit_code, 0);
  // Folders list their images in label order; each PNG file is named by its IDX index.
  const auto folders = top1_column(s + "/folders.csv");
  const auto idx = top1_column(s + "/idx.csv");
  ASSERT_EQ(folders.size(), 200u);
  std::ifstream list(s + "/folders.csv");
  std::string line;
  std::getline(list, line);
  for (std::size_t i = 0; std::getline(list, line); ++i) {
    const std::string file = csv_split(line)->at(0);
    const std::size_t at = std::stoul(std::filesystem::path(file).stem().string());
    EXPECT_EQ(folders[i], idx.at(at)) << file;
  }
}

TEST(MetricCoco, ScoresAResultsFileAndNamesBadFields) {
  const std::string s = testing::scratch_dir();
  std::ofstream(s + "/gt.json") << R"({"images": [{"id": 1, "file_name": "a.png"},
    {"id": 2, "file_name": "b.png"}], "categories": [{"id": 5, "name": "square"}],
    "annotations": [{"id": 1, "image_id": 1, "category_id": 5, "bbox": [10, 10, 20, 20],
      "area": 400, "iscrowd": 0}, {"id": 2, "image_id": 2, "category_id": 5,
      "bbox": [0, 0, 50, 40], "area": 2000, "iscrowd": 0}]})";
  std::ofstream(s + "/dt.json") << R"([{"image_id": 1, "category_id": 5,
    "bbox": [10, 10, 20, 20], "score": 0.9}, {"image_id": 2, "category_id": 5,
    "bbox": [60, 60, 10, 10], "score": 0.95}])";
  const auto r =
      json_of(run_cli("metric coco --gt " + s + "/gt.json --dt " + s + "/dt.json --json -"));
  // Sorted: a false positive (0.95) above the one true positive of two ground truths:
  // precision [0, .5] enveloped to [.5, .5] up to recall .5, 0 beyond: AP = .5 * 51 / 101.
  EXPECT_NEAR(r["coco"]["AP"].get<double>(), 0.5 * 51 / 101, 1e-12);
  EXPECT_DOUBLE_EQ(r["coco"]["AR100"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(r["coco"]["AP_large"].get<double>(), -1);
  const auto text = run_cli("metric coco --gt " + s + "/gt.json --dt " + s + "/dt.json");
  EXPECT_NE(text.output.find(
                "Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.252"),
            std::string::npos)
      << text.output;

  std::ofstream(s + "/bad.json") << R"([{"image_id": 9, "category_id": 5, "bbox": [0, 0, 1, 1],
    "score": 1}])";
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("metric coco --gt " + s + "/gt.json --dt " + s + "/bad.json"),
      {"bad.json: [0].image_id: image 9 is not in the ground truth"}));
  std::ofstream(s + "/nobox.json") << R"([{"image_id": 1, "category_id": 5, "score": 1}])";
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("metric coco --gt " + s + "/gt.json --dt " + s + "/nobox.json"),
      {"nobox.json", "bbox"}));
}

}  // namespace
}  // namespace onnxbench
