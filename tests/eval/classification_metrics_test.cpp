#include "eval/classification_metrics.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/npy.h"
#include "eval/reference_fixture.h"

namespace onnxbench::eval {
namespace {

TEST(ClassificationMetrics, HandComputedThreeClasses) {
  // truth 0: 3 samples (2 right, 1 as class 1); truth 1: 2 (both right); truth 2: 1 (as 0).
  ConfusionMatrix m(4);
  m.add(0, 0, 2);
  m.add(0, 1);
  m.add(1, 1, 2);
  m.add(2, 0);
  const ClassReport r = class_report(m);
  ASSERT_EQ(r.per_class.size(), 3u);  // class 3 neither occurs nor is predicted
  EXPECT_DOUBLE_EQ(r.per_class[0].precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.per_class[0].recall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.per_class[1].precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.per_class[1].recall, 1.0);
  EXPECT_DOUBLE_EQ(r.per_class[1].f1, 0.8);
  EXPECT_DOUBLE_EQ(r.per_class[2].f1, 0.0);
  EXPECT_DOUBLE_EQ(r.macro.f1, (2.0 / 3 + 0.8 + 0) / 3);
  EXPECT_DOUBLE_EQ(r.weighted.f1, (3 * (2.0 / 3) + 2 * 0.8) / 6);
  EXPECT_DOUBLE_EQ(r.accuracy, 4.0 / 6);
  EXPECT_THROW(m.add(4, 0), InputError);
}

TEST(ClassificationMetrics, TopKBreaksTiesTowardsTheLowerIndex) {
  const std::vector<float> s{0.1f, 0.5f, 0.5f, 0.2f};
  EXPECT_EQ(top_k(s, 3), (std::vector<std::int64_t>{1, 2, 3}));
  const std::vector<std::int64_t> labels{2, 0};
  const std::vector<std::vector<std::int64_t>> rankings{{1, 2, 3}, {1, 2, 3}};
  EXPECT_DOUBLE_EQ(top_k_accuracy(labels, rankings, 1), 0.0);
  EXPECT_DOUBLE_EQ(top_k_accuracy(labels, rankings, 2), 0.5);
}

TEST(ClassificationMetrics, MatchScikitLearn) {
  const std::string dir = testing::reference_dir();
  if (dir.empty()) GTEST_SKIP() << "python3-sklearn / python3-torchvision missing";
  const Tensor labels = read_npy(dir + "/labels.npy");
  const Tensor predictions = read_npy(dir + "/predictions.npy");
  const Tensor scores = read_npy(dir + "/scores.npy");
  const auto expected = nlohmann::json::parse(read_file(dir + "/sklearn.json"));
  const std::int64_t n = labels.shape[0], classes = scores.shape[1];
  ConfusionMatrix m(classes);
  std::vector<std::int64_t> truth;
  std::vector<std::vector<std::int64_t>> rankings;
  for (std::int64_t i = 0; i < n; ++i) {
    const std::span<const float> row(scores.as<float>() + i * classes,
                                     static_cast<std::size_t>(classes));
    rankings.push_back(top_k(row, 5));
    EXPECT_EQ(rankings.back()[0], predictions.as<std::int64_t>()[i]);
    truth.push_back(labels.as<std::int64_t>()[i]);
    m.add(truth.back(), predictions.as<std::int64_t>()[i]);
  }
  const ClassReport r = class_report(m);
  EXPECT_NEAR(r.macro.f1, expected["macro"]["f1"].get<double>(), 1e-12);
  EXPECT_NEAR(r.macro.precision, expected["macro"]["precision"].get<double>(), 1e-12);
  EXPECT_NEAR(r.macro.recall, expected["macro"]["recall"].get<double>(), 1e-12);
  EXPECT_NEAR(r.weighted.f1, expected["weighted"]["f1"].get<double>(), 1e-12);
  EXPECT_NEAR(r.weighted.precision, expected["weighted"]["precision"].get<double>(), 1e-12);
  EXPECT_NEAR(r.weighted.recall, expected["weighted"]["recall"].get<double>(), 1e-12);
  ASSERT_EQ(r.per_class.size(), expected["per_class_f1"].size());
  for (std::size_t c = 0; c < r.per_class.size(); ++c)
    EXPECT_NEAR(r.per_class[c].f1, expected["per_class_f1"][c].get<double>(), 1e-12) << c;
  for (std::size_t k : {1, 3, 5})
    EXPECT_NEAR(top_k_accuracy(truth, rankings, k),
                expected["top_k"][std::to_string(k)].get<double>(), 1e-12)
        << k;
}

}  // namespace
}  // namespace onnxbench::eval
