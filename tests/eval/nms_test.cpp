#include "eval/nms.h"

#include <gtest/gtest.h>

#include "core/npy.h"
#include "eval/reference_fixture.h"

namespace onnxbench::eval {
namespace {

TEST(Nms, SuppressesWithinAClassOnly) {
  const std::vector<Detection> in{{0, 0, 10, 10, 0.9f, 0},
                                  {1, 0, 11, 10, 0.8f, 0},  // IoU 9/11 with the first: dropped
                                  {1, 0, 11, 10, 0.7f, 1},  // another class: kept
                                  {20, 20, 30, 30, 0.6f, 0}};
  const auto kept = batched_nms(in, 0.5f, 10);
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_FLOAT_EQ(kept[0].score, 0.9f);
  EXPECT_FLOAT_EQ(kept[1].score, 0.7f);
  EXPECT_FLOAT_EQ(kept[2].score, 0.6f);
  EXPECT_EQ(batched_nms(in, 0.5f, 2).size(), 2u);
}

TEST(Nms, MatchesTorchvisionBatchedNms) {
  const std::string dir = testing::reference_dir();
  if (dir.empty()) GTEST_SKIP() << "python3-torchvision missing";
  const Tensor boxes = read_npy(dir + "/boxes.npy");
  const Tensor scores = read_npy(dir + "/box_scores.npy");
  const Tensor labels = read_npy(dir + "/box_labels.npy");
  const Tensor keep = read_npy(dir + "/nms_keep.npy");
  std::vector<Detection> in;
  for (std::int64_t i = 0; i < boxes.shape[0]; ++i) {
    const float* b = boxes.as<float>() + 4 * i;
    in.push_back({b[0], b[1], b[2], b[3], scores.as<float>()[i], labels.as<std::int64_t>()[i]});
  }
  const auto kept = batched_nms(in, 0.5f, in.size());
  ASSERT_EQ(static_cast<std::int64_t>(kept.size()), keep.shape[0]);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const Detection& want = in[static_cast<std::size_t>(keep.as<std::int64_t>()[i])];
    EXPECT_EQ(kept[i].score, want.score) << i;
    EXPECT_EQ(kept[i].x1, want.x1) << i;
  }
}

}  // namespace
}  // namespace onnxbench::eval
