// COCO mAP on crafted cases whose pycocotools values are worked out by hand in the comments.
#include "eval/coco_eval.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "support/test_paths.h"

namespace onnxbench::eval {
namespace {

enum Stat { kAP, kAP50, kAP75, kSmall, kMedium, kLarge, kAR1, kAR10, kAR100, kARs, kARm, kARl };

struct Builder {
  CocoGroundTruth gt;
  std::vector<CocoDetection> dt;
  std::int64_t next_id = 1;
  Builder(int images = 1, int categories = 1) {
    for (int i = 1; i <= images; ++i) {
      gt.image_index[i] = gt.images.size();
      gt.images.push_back({i, "", 0, 0});
    }
    for (int c = 1; c <= categories; ++c) gt.categories[c] = "c" + std::to_string(c);
  }
  Builder& truth(std::int64_t image, Box b, std::int64_t category = 1, bool crowd = false) {
    gt.annotations.push_back({next_id++, image, category, b, b.w * b.h, crowd});
    return *this;
  }
  Builder& det(std::int64_t image, Box b, double score, std::int64_t category = 1) {
    dt.push_back({image, category, b, score});
    return *this;
  }
  CocoSummary run() const { return coco_evaluate(gt, dt); }
};

TEST(CocoEval, PerfectDetectionOfASmallBox) {
  const auto s = Builder().truth(1, {0, 0, 10, 10}).det(1, {0, 0, 10, 10}, 0.9).run().stats;
  EXPECT_DOUBLE_EQ(s[kAP], 1);
  EXPECT_DOUBLE_EQ(s[kSmall], 1);
  EXPECT_DOUBLE_EQ(s[kMedium], -1);  // no ground truth in range: undefined, not 0
  EXPECT_DOUBLE_EQ(s[kLarge], -1);
  EXPECT_DOUBLE_EQ(s[kAR1], 1);
  EXPECT_DOUBLE_EQ(s[kARm], -1);
}

TEST(CocoEval, FalsePositiveScoredAboveTheTruePositive) {
  // Sorted: FP then TP. Precision [0, .5] becomes [.5, .5] after the monotone envelope: every
  // recall point reads .5. With one detection per image only the FP counts: AR1 = 0.
  const auto s = Builder()
                     .truth(1, {0, 0, 10, 10})
                     .det(1, {50, 50, 10, 10}, 0.9)
                     .det(1, {0, 0, 10, 10}, 0.8)
                     .run()
                     .stats;
  EXPECT_DOUBLE_EQ(s[kAP], 0.5);
  EXPECT_DOUBLE_EQ(s[kAR100], 1);
  EXPECT_DOUBLE_EQ(s[kAR1], 0);
}

TEST(CocoEval, PartialOverlapCountsAtHalfTheThresholds) {
  // IoU 72/100 = .72 passes .50 .55 .60 .65 .70 and fails .75 … .95.
  const auto s = Builder().truth(1, {0, 0, 10, 7.2}).det(1, {0, 0, 10, 10}, 0.9).run().stats;
  EXPECT_DOUBLE_EQ(s[kAP50], 1);
  EXPECT_DOUBLE_EQ(s[kAP75], 0);
  EXPECT_DOUBLE_EQ(s[kAP], 0.5);
  EXPECT_DOUBLE_EQ(s[kAR100], 0.5);
}

TEST(CocoEval, DetectionInsideACrowdIsIgnored) {
  // Crowd IoU is intersection over the detection's area: 1 for a box inside the crowd region,
  // so the higher-scored detection matches the (ignored) crowd and counts neither way.
  const auto s = Builder()
                     .truth(1, {0, 0, 100, 100}, 1, true)
                     .truth(1, {200, 200, 10, 10})
                     .det(1, {10, 10, 20, 20}, 0.9)
                     .det(1, {200, 200, 10, 10}, 0.5)
                     .run()
                     .stats;
  EXPECT_DOUBLE_EQ(s[kAP], 1);
  EXPECT_DOUBLE_EQ(s[kAR100], 1);
  EXPECT_NEAR(box_iou({10, 10, 20, 20}, {0, 0, 100, 100}, true), 1.0, 1e-15);
  EXPECT_NEAR(box_iou({10, 10, 20, 20}, {0, 0, 100, 100}, false), 0.04, 1e-15);
}

TEST(CocoEval, AreasExactlyAtTheBoundariesBelongToBothRanges) {
  // 32x32 = 1024 is both small and medium; 96x96 = 9216 both medium and large.
  const auto a = Builder().truth(1, {0, 0, 32, 32}).det(1, {0, 0, 32, 32}, 0.9).run().stats;
  EXPECT_DOUBLE_EQ(a[kSmall], 1);
  EXPECT_DOUBLE_EQ(a[kMedium], 1);
  EXPECT_DOUBLE_EQ(a[kLarge], -1);
  const auto b = Builder().truth(1, {0, 0, 96, 96}).det(1, {0, 0, 96, 96}, 0.9).run().stats;
  EXPECT_DOUBLE_EQ(b[kSmall], -1);
  EXPECT_DOUBLE_EQ(b[kMedium], 1);
  EXPECT_DOUBLE_EQ(b[kLarge], 1);
}

TEST(CocoEval, TiedScoresKeepTheFileOrder) {
  // Equal scores sort stably: the detection listed first is ranked first.
  Builder fp_first;
  fp_first.truth(1, {0, 0, 10, 10}).det(1, {50, 50, 10, 10}, 0.5).det(1, {0, 0, 10, 10}, 0.5);
  EXPECT_DOUBLE_EQ(fp_first.run().stats[kAP], 0.5);
  Builder tp_first;
  tp_first.truth(1, {0, 0, 10, 10}).det(1, {0, 0, 10, 10}, 0.5).det(1, {50, 50, 10, 10}, 0.5);
  EXPECT_DOUBLE_EQ(tp_first.run().stats[kAP], 1);
}

TEST(CocoEval, OnlyTheBest100DetectionsPerImageCount) {
  Builder b;
  b.truth(1, {0, 0, 10, 10});
  for (int i = 0; i < 100; ++i) b.det(1, {500.0 + i, 500, 10, 10}, 0.9);
  b.det(1, {0, 0, 10, 10}, 0.1);  // the 101st: cut
  EXPECT_DOUBLE_EQ(b.run().stats[kAP], 0);
  EXPECT_DOUBLE_EQ(b.run().stats[kAR100], 0);
  b.dt.erase(b.dt.begin());  // now the true positive is the 100th
  EXPECT_DOUBLE_EQ(b.run().stats[kAR100], 1);
  EXPECT_DOUBLE_EQ(b.run().stats[kAR10], 0);
}

TEST(CocoEval, DetectionOnAnImageWithoutGroundTruthIsAFalsePositive) {
  const auto s = Builder(2)
                     .truth(1, {0, 0, 10, 10})
                     .det(1, {0, 0, 10, 10}, 0.8)
                     .det(2, {0, 0, 10, 10}, 0.9)
                     .run()
                     .stats;
  EXPECT_DOUBLE_EQ(s[kAP], 0.5);
}

TEST(CocoEval, ClassWithGroundTruthButNoDetectionsScoresZero) {
  const auto s = Builder(1, 3)
                     .truth(1, {0, 0, 10, 10}, 1)
                     .truth(1, {40, 40, 10, 10}, 2)
                     .det(1, {0, 0, 10, 10}, 0.9, 1)
                     .det(1, {40, 40, 10, 10}, 0.9, 3)  // category 3 has no ground truth: ignored
                     .run()
                     .stats;
  EXPECT_DOUBLE_EQ(s[kAP], 0.5);  // mean of category 1 (1) and category 2 (0)
  EXPECT_DOUBLE_EQ(s[kAR100], 0.5);
}

TEST(CocoEval, ResultsFileReadAndChecked) {
  const std::string dir = testing::scratch_dir();
  std::ofstream(dir + "/gt.json") << R"({"images": [{"id": 7, "file_name": "a.png"}],
    "categories": [{"id": 3, "name": "box"}],
    "annotations": [{"id": 1, "image_id": 7, "category_id": 3, "bbox": [0, 0, 10, 10],
                     "area": 100, "iscrowd": 0}]})";
  const CocoGroundTruth gt = read_coco_ground_truth(dir + "/gt.json");
  const std::vector<CocoDetection> dt{{7, 3, {0, 0, 10, 10}, 0.25}};
  write_coco_results(dir + "/dt.json", dt);
  const auto back = read_coco_results(dir + "/dt.json", gt);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].score, 0.25);
  EXPECT_DOUBLE_EQ(coco_evaluate(gt, back).stats[kAP], 1);

  std::ofstream(dir + "/unknown.json") << R"([{"image_id": 8, "category_id": 3,
    "bbox": [0, 0, 1, 1], "score": 1}])";
  try {
    read_coco_results(dir + "/unknown.json", gt);
    FAIL() << "no error for an unknown image";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown.json: [0].image_id: image 8 is not in the"),
              std::string::npos)
        << e.what();
  }
  std::ofstream(dir + "/no_area.json") << R"({"images": [{"id": 7}], "categories": [{"id": 3}],
    "annotations": [{"id": 1, "image_id": 7, "category_id": 3, "bbox": [0, 0, 10, 10]}]})";
  try {
    read_coco_ground_truth(dir + "/no_area.json");
    FAIL() << "no error for a missing area";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("annotations[0].area"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace onnxbench::eval
