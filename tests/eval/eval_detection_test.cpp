// Detection end to end: a tiny detector trained by Debian's torch on a synthetic shapes data set
// (tests/eval/fixtures/train_shapes_detector.py, cached in the build folder), exported with
// YOLOv8's output layout and scored from its COCO files on both engines, by metric coco from the
// predictions, from dumped outputs (.npy and Qualcomm-style .raw), and float against int8.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "core/npy.h"
#include "support/built_once.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_cli;

// The fixture's folder, or "" when Debian's torch is missing.
std::string shapes_model() {
  const std::string dir = testing::build_dir() + "/models/shapes";
  const std::string cmd = "/usr/bin/python3 " + testing::source_dir() +
                          "/tests/eval/fixtures/train_shapes_detector.py " + dir + " > " + dir +
                          "/train.log 2>&1";
  return testing::built_once(dir, "train.json", cmd) ? dir : "";
}

// The record on stdout; notes on stderr (OpenCV's simplified copy) come before it.
json json_of(const testing::CliResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const std::size_t start = r.output.rfind("onnxbench: note:", 0) == 0 ? r.output.find("\n{") : 0;
  return r.exit_code == 0 ? json::parse(r.output.substr(start)) : json::object();
}

std::string data_args(const std::string& dir) {
  return " --data " + dir + "/val/instances.json --images " + dir +
         "/val/images --preprocess yolo --yolo v8";
}

const char* const kCocoNames[] = {"AP",  "AP50", "AP75",  "AP_small", "AP_medium", "AP_large",
                                  "AR1", "AR10", "AR100", "AR_small", "AR_medium", "AR_large"};

TEST(EvalShapesDetector, ScoresOnBothEnginesAsMetricCocoScoresItsPredictions) {
  const std::string dir = shapes_model();
  if (dir.empty()) GTEST_SKIP() << "needs python3-torch";
  const std::string s = testing::scratch_dir();
  json ap;
  for (const std::string engine : {"onnxruntime", "opencv"}) {
    const std::string dt = s + "/" + engine + ".json";
    const json e = json_of(run_cli("eval " + dir + "/detector.onnx" + data_args(dir) +
                                   " --engine " + engine + " --predictions " + dt + " --json -"));
    const json& coco = e["run"]["scores"]["coco"];
    EXPECT_EQ(e["data"]["samples"], 120);
    // Chance is near 0: boxes must be placed within a few pixels in the original images.
    EXPECT_GT(coco["AP"].get<double>(), 0.4) << engine;
    EXPECT_GT(coco["AP50"].get<double>(), 0.8) << engine;
    const json m = json_of(
        run_cli("metric coco --gt " + dir + "/val/instances.json --dt " + dt + " --json -"));
    for (const char* name : kCocoNames)
      EXPECT_DOUBLE_EQ(m["coco"][name].get<double>(), coco[name].get<double>()) << name;
    ap[engine] = coco["AP"];
  }
  EXPECT_NEAR(ap["onnxruntime"].get<double>(), ap["opencv"].get<double>(), 0.01);
}

// Writes, per image, a v8 output [1, 7, 144] that holds exactly its ground-truth boxes, taken
// into the 96x96 input by the letterbox as computed here (ultralytics' rule), class score 1.
void write_oracle_outputs(const json& gt, const std::string& out) {
  std::map<std::int64_t, std::vector<const json*>> boxes;
  for (const auto& a : gt["annotations"]) boxes[a["image_id"]].push_back(&a);
  std::vector<json> images(gt["images"].begin(), gt["images"].end());
  std::sort(images.begin(), images.end(),
            [](const json& a, const json& b) { return a["id"] < b["id"]; });
  for (std::size_t i = 0; i < images.size(); ++i) {
    const double w = images[i]["width"], h = images[i]["height"];
    const double r = std::min(96 / w, 96 / h);
    const double nw = std::lround(w * r), nh = std::lround(h * r);
    const double left = std::lround((96 - nw) / 2 - 0.1), top = std::lround((96 - nh) / 2 - 0.1);
    Tensor t(DType::kFloat32, {1, 7, 144});
    float* p = t.as<float>();
    std::size_t n = 0;
    for (const json* a : boxes[images[i]["id"]]) {
      const auto& b = (*a)["bbox"];
      const double x1 = b[0].get<double>() * nw / w + left, y1 = b[1].get<double>() * nh / h + top;
      const double x2 = (b[0].get<double>() + b[2].get<double>()) * nw / w + left;
      const double y2 = (b[1].get<double>() + b[3].get<double>()) * nh / h + top;
      p[n] = static_cast<float>((x1 + x2) / 2);
      p[144 + n] = static_cast<float>((y1 + y2) / 2);
      p[2 * 144 + n] = static_cast<float>(x2 - x1);
      p[3 * 144 + n] = static_cast<float>(y2 - y1);
      p[(3 + (*a)["category_id"].get<std::size_t>()) * 144 + n] = 1;
      ++n;
    }
    fs::create_directories(out + "/Result_" + std::to_string(i));
    write_file(out + "/Result_" + std::to_string(i) + "/output0.raw",
               std::string(t.data.begin(), t.data.end()));
  }
}

TEST(EvalShapesDetector, LetterboxRoundTripIsExact) {
  const std::string dir = shapes_model();
  if (dir.empty()) GTEST_SKIP() << "needs python3-torch";
  const std::string s = testing::scratch_dir();
  const json gt = json::parse(read_file(dir + "/val/instances.json"));
  write_oracle_outputs(gt, s + "/oracle");
  const json e = json_of(run_cli(
      "eval " + dir + "/detector.onnx" + data_args(dir) + " --from-outputs " + s +
      "/oracle --raw-shape output0=1x7x144 --iou 1" + " --predictions " + s + "/dt.json --json -"));
  EXPECT_DOUBLE_EQ(e["run"]["scores"]["coco"]["AP"].get<double>(), 1.0);
  // Every box comes back where it was drawn, up to float32 rounding of the model's output (NMS
  // is off: --iou 1 keeps overlapping shapes of one class).
  const json dt = json::parse(read_file(s + "/dt.json"));
  ASSERT_EQ(dt.size(), gt["annotations"].size());
  for (const auto& d : dt) {
    double best = 1e9;
    for (const auto& a : gt["annotations"]) {
      if (a["image_id"] != d["image_id"] || a["category_id"] != d["category_id"]) continue;
      double err = 0;
      for (std::size_t k = 0; k < 4; ++k)
        err = std::max(err, std::abs(a["bbox"][k].get<double>() - d["bbox"][k].get<double>()));
      best = std::min(best, err);
    }
    EXPECT_LT(best, 1e-4) << d.dump();
  }
}

TEST(EvalShapesDetector, ScoresDumpedOutputsAsTheEngine) {
  const std::string dir = shapes_model();
  if (dir.empty()) GTEST_SKIP() << "needs python3-torch";
  const std::string s = testing::scratch_dir();
  const std::string model = "eval " + dir + "/detector.onnx" + data_args(dir);
  const json engine = json_of(run_cli(model + " --batch 8 --dump-outputs " + s + "/npy --json -"));
  const json npy = json_of(run_cli(model + " --from-outputs " + s + "/npy --json -"));
  EXPECT_EQ(npy["run"]["scores"], engine["run"]["scores"]);
  EXPECT_EQ(npy["run"]["engine"], "outputs from " + s + "/npy");

  // The same outputs as bare float32 files, as a Qualcomm board writes them.
  for (std::size_t i = 0; i < 120; ++i) {
    const std::string folder = s + "/raw/Result_" + std::to_string(i);
    fs::create_directories(folder);
    const Tensor t = read_npy(s + "/npy/Result_" + std::to_string(i) + "/output0.npy");
    write_file(folder + "/output0.raw", std::string(t.data.begin(), t.data.end()));
  }
  const json raw = json_of(
      run_cli(model + " --from-outputs " + s + "/raw --raw-shape output0=1x7x144 --json -"));
  EXPECT_EQ(raw["run"]["scores"], engine["run"]["scores"]);

  EXPECT_TRUE(testing::is_one_line_error(run_cli(model + " --from-outputs " + s + "/raw"),
                                         {"output0.raw", "--raw-shape output0=DIMS"}));
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli(model + " --from-outputs " + s + "/raw --raw-shape output0=1x7x145"),
      {"output0.raw", "4032 bytes", "[1,7,145]"}));
  fs::remove_all(s + "/raw/Result_7");
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli(model + " --from-outputs " + s + "/raw --raw-shape output0=1x7x144"),
      {"no outputs folder", "Result_7", "0007.png"}));
}

TEST(EvalShapesDetector, Int8AgainstFloatWithBootstrapInterval) {
  const std::string dir = shapes_model();
  if (dir.empty()) GTEST_SKIP() << "needs python3-torch";
  const std::string s = testing::scratch_dir();
  const std::string int8 = s + "/int8.onnx";
  const auto q =
      run_cli("quantize " + dir + "/detector.onnx --calib " + dir + "/calib.npy -o " + int8);
  ASSERT_EQ(q.exit_code, 0) << q.output;
  const json c = json_of(run_cli("eval " + dir + "/detector.onnx" + data_args(dir) + " --compare " +
                                 int8 + " --resamples 100 --json -"));
  const double a = c["run"]["scores"]["coco"]["AP"], b = c["compare_run"]["scores"]["coco"]["AP"];
  EXPECT_NEAR(b, a, 0.1);
  const json& ap = c["comparison"]["metrics"][0];
  EXPECT_EQ(ap["metric"], "AP");
  EXPECT_DOUBLE_EQ(ap["a"].get<double>(), a);
  EXPECT_DOUBLE_EQ(ap["difference"].get<double>(), b - a);
  EXPECT_LT(ap["interval95"][0].get<double>(), ap["interval95"][1].get<double>());
  EXPECT_EQ(c["comparison"]["samples"], 120);
}

TEST(EvalShapesDetector, BadInputNamesTheFileOrField) {
  const std::string dir = shapes_model();
  if (dir.empty()) GTEST_SKIP() << "needs python3-torch";
  const std::string s = testing::scratch_dir();
  const std::string model = dir + "/detector.onnx";
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("eval " + model + " --data " + dir + "/val/instances.json --images " + dir +
              "/val/images --preprocess yolo --yolo grid"),
      {"output 'output0' [1,7,144]", "not a YOLO grid"}));
  // Without --images, the images are looked for in images/ beside the JSON: a copy of the JSON
  // with no such folder names the missing file and the option.
  write_file(s + "/alone.json", read_file(dir + "/val/instances.json"));
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("eval " + model + " --data " + s + "/alone.json --preprocess yolo --yolo v5"),
      {"alone.json", "0000.png does not exist", "--images"}));

  json gt = json::parse(read_file(dir + "/val/instances.json"));
  gt["annotations"][3]["image_id"] = 999;
  write_file(s + "/unknown.json", gt.dump());
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("eval " + model + " --data " + s + "/unknown.json --images " + dir +
              "/val/images --yolo v8 --preprocess yolo"),
      {"unknown.json", "annotations[3].image_id", "999"}));
  gt = json::parse(read_file(dir + "/val/instances.json"));
  gt["images"][0].erase("file_name");
  write_file(s + "/nofile.json", gt.dump());
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("eval " + model + " --data " + s + "/nofile.json --images " + dir +
              "/val/images --yolo v8 --preprocess yolo"),
      {"nofile.json", "images[0].file_name"}));

  fs::create_directories(s + "/images");
  for (const auto& e : fs::directory_iterator(dir + "/val/images"))
    fs::copy_file(e.path(), s + "/images/" + e.path().filename().string());
  write_file(s + "/images/0005.png", "not a png");
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("eval " + model + " --data " + dir + "/val/instances.json --images " + s +
              "/images --yolo v8 --preprocess yolo"),
      {"0005.png: cannot decode the image"}));
}

}  // namespace
}  // namespace onnxbench
