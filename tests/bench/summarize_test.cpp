#include "bench/summarize.h"

#include <gtest/gtest.h>

namespace onnxbench {
namespace {

BenchRaw two_instances() {
  BenchRaw raw;
  raw.measure = {{0, {1000, 2000}, {{"run", {900, 1900}}}, {}},
                 {1, {3000, 4000}, {{"run", {2900, 3900}}}, {}}};
  raw.warmup = {{0, {5000}, {}, {}}, {1, {6000}, {}, {}}};
  raw.measure_count = 4;
  raw.measure_wall_ms = 2000;
  raw.warmup_count = 2;
  raw.warmup_wall_ms = 11;
  return raw;
}

TEST(SummarizeBench, ThroughputCountsTheBatchAndStatisticsAreInMilliseconds) {
  BenchResult r;
  summarize_bench(two_instances(), 8, r);
  EXPECT_DOUBLE_EQ(r.throughput, 4 * 8 / 2.0);  // 4 requests of 8 in 2 s
  EXPECT_EQ(r.measure.requests, 4);
  EXPECT_EQ(r.measure.latency_ms.count, 4u);
  EXPECT_DOUBLE_EQ(r.measure.latency_ms.mean, 2.5);
  EXPECT_DOUBLE_EQ(r.measure.latency_ms.min, 1.0);
  EXPECT_DOUBLE_EQ(r.measure.latency_ms.max, 4.0);
  EXPECT_EQ(r.samples_ms, (std::vector<double>{1, 2, 3, 4}));
  EXPECT_EQ(r.sample_instance, (std::vector<int>{0, 0, 1, 1}));
  ASSERT_EQ(r.stages_ms.count("run"), 1u);
  EXPECT_DOUBLE_EQ(r.stages_ms["run"].mean, 2.4);
  // Warm-up is summarized apart and never mixed into the measured statistics.
  EXPECT_EQ(r.warmup.latency_ms.count, 2u);
  EXPECT_DOUBLE_EQ(r.warmup.latency_ms.mean, 5.5);
}

TEST(SummarizeBench, TimestampsGiveEachRequestsStartAndEnd) {
  BenchRaw raw = two_instances();
  raw.measure[0].end_us = {1000, 3000};
  raw.measure[1].end_us = {3100, 7100};
  BenchResult r;
  summarize_bench(raw, 1, r);
  EXPECT_EQ(r.sample_start_ms, (std::vector<double>{0, 1, 0.1, 3.1}));
  EXPECT_EQ(r.sample_end_ms, (std::vector<double>{1, 3, 3.1, 7.1}));
  raw.measure[1].end_us.clear();  // one instance without: none, rather than misaligned columns
  summarize_bench(raw, 1, r);
  EXPECT_TRUE(r.sample_start_ms.empty());
  EXPECT_TRUE(r.sample_end_ms.empty());
}

TEST(SummarizeBench, UnsteadyOnlyAboveTenPercentVariation) {
  BenchRaw steady;
  steady.measure = {{0, {1000, 1000, 1000, 1050}, {}, {}}};
  steady.measure_count = 4;
  steady.measure_wall_ms = 4;
  BenchResult r;
  summarize_bench(steady, 1, r);
  EXPECT_FALSE(r.unsteady);
  summarize_bench(two_instances(), 1, r);  // 1..4 ms: cv about 52%
  EXPECT_TRUE(r.unsteady);
}

TEST(SummarizeBench, NoSamplesGivesZeroThroughputAndEmptyStats) {
  BenchResult r;
  summarize_bench(BenchRaw{}, 1, r);
  EXPECT_EQ(r.throughput, 0.0);
  EXPECT_EQ(r.measure.latency_ms.count, 0u);
  EXPECT_FALSE(r.unsteady);
}

TEST(SummarizeProfile, SharesAreOfTheSummedLayerMeansInExecutionOrder) {
  ProfileRaw raw;
  raw.total_us = {110, 130};
  raw.layers = {{"conv", "Conv", {60, 80}}, {"relu", "Relu", {20, 20}}, {"fused", "BatchNorm", {}}};
  ProfileResult r;
  summarize_profile(raw, r);
  ASSERT_EQ(r.layers.size(), 3u);
  EXPECT_EQ(r.layers[0].name, "conv");
  EXPECT_DOUBLE_EQ(r.layers[0].time_us.mean, 70);
  EXPECT_DOUBLE_EQ(r.layers[0].share, 70.0 / 90.0);
  EXPECT_DOUBLE_EQ(r.layers[1].share, 20.0 / 90.0);
  EXPECT_DOUBLE_EQ(r.layers[2].share, 0.0);
  EXPECT_DOUBLE_EQ(r.total_us.mean, 120);
}

TEST(SummarizeProfile, OpTypesSumTheirLayersSlowestFirst) {
  ProfileRaw raw;
  raw.total_us = {200};
  raw.layers = {{"a", "Conv", {50}}, {"b", "Relu", {10}}, {"c", "Conv", {90}}, {"d", "Add", {50}}};
  ProfileResult r;
  summarize_profile(raw, r);
  ASSERT_EQ(r.op_types.size(), 3u);
  EXPECT_EQ(r.op_types[0].op_type, "Conv");
  EXPECT_EQ(r.op_types[0].layers, 2);
  EXPECT_DOUBLE_EQ(r.op_types[0].mean_us, 140);
  EXPECT_DOUBLE_EQ(r.op_types[0].share, 0.7);
  EXPECT_EQ(r.op_types[1].op_type, "Add");
  EXPECT_EQ(r.op_types[2].op_type, "Relu");
  EXPECT_DOUBLE_EQ(r.op_types[2].share, 0.05);
}

}  // namespace
}  // namespace onnxbench
