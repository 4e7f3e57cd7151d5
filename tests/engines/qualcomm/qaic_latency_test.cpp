// Seed 004's latency tables: the layout is reproduced from the seed's own figures verbatim, and
// latency files are summarized through core statistics.
#include "engines/qualcomm/qaic_latency.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/error.h"
#include "core/file_io.h"
#include "support/test_paths.h"

namespace onnxbench::qualcomm {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The seed's table rows as statistics (ms -> µs). The excerpt's last row is cut off mid-line: its
// missing values are zero, and only its printed prefix is compared.
std::vector<std::pair<std::string, LatencyStats>> rows_of(const std::vector<std::string>& table) {
  std::vector<std::pair<std::string, LatencyStats>> rows;
  for (std::size_t i = 2; i < table.size(); ++i) {
    std::istringstream in(table[i]);
    std::string name;
    in >> name;
    std::vector<double> ms;
    for (std::string v; in >> v;) ms.push_back(std::stod(v));
    ms.resize(8, 0.0);
    if (name == "totalRoundt") name = "totalRoundtripTime";
    LatencyStats s{};
    s.mean = ms[0] * 1000;
    s.min = ms[1] * 1000;
    s.p50 = ms[2] * 1000;
    s.p75 = ms[3] * 1000;
    s.p90 = ms[4] * 1000;
    s.p95 = ms[5] * 1000;
    s.p99 = ms[6] * 1000;
    s.max = ms[7] * 1000;
    rows.emplace_back(name, s);
  }
  return rows;
}

void expect_seed_table(const std::string& excerpt) {
  const auto seed = lines_of(
      read_file(testing::source_dir() + "/tests/engines/qualcomm/seed_excerpts/" + excerpt));
  ASSERT_EQ(seed[0], "All activations combined:");
  const auto ours = lines_of(format_latency_table(rows_of(seed)));
  ASSERT_EQ(ours.size(), seed.size() - 1);
  for (std::size_t i = 1; i + 1 < seed.size(); ++i) EXPECT_EQ(ours[i - 1], seed[i]);
  EXPECT_EQ(ours.back().rfind(seed.back(), 0), 0u) << ours.back() << " vs cut-off " << seed.back();
}

TEST(QualcommQaicLatency, SeedTableOneInstanceVerbatim) {
  expect_seed_table("seed004_latency_table_a1.txt");
}
TEST(QualcommQaicLatency, SeedTableTwoInstancesVerbatim) {
  expect_seed_table("seed004_latency_table_a2.txt");
}
TEST(QualcommQaicLatency, SeedTableSevenInstancesWiderColumns) {
  expect_seed_table("seed004_latency_table_a7.txt");
}

const char* kLatencyFile =
    "Program: aic-profiling-program-0\n"
    "Device: 0\n"
    "Profiling type: latency\n"
    "Samples: 4\n"
    "Sample, hostRoundTripUs, execTotalUs, totalRoundtripTimeUs, queueDepth, numInfInQueue\n"
    "0, 700, 710, 800, 1, 1\n"
    "1, 600, 620, 750, 1, 1\n"
    "2, 900, 905, 990, 2, 1\n"
    "3, 800, 810, 880, 1, 1\n";

TEST(QualcommQaicLatency, FileColumnsBecomeMetricsInMicroseconds) {
  const auto metrics = parse_qaic_latency_file(kLatencyFile, "lat0.txt");
  ASSERT_EQ(metrics.size(), 3u);
  EXPECT_EQ(metrics[0].name, "hostRoundTrip");
  EXPECT_EQ(metrics[2].name, "totalRoundtripTime");
  EXPECT_EQ(metrics[0].samples_us, (std::vector<double>{700, 600, 900, 800}));
  const LatencyStats s = summarize(metrics[0].samples_us);
  EXPECT_DOUBLE_EQ(s.mean, 750);
  EXPECT_DOUBLE_EQ(s.p50, 700);  // nearest rank 2 of 4
  const std::string table = format_latency_table({{metrics[0].name, s}});
  EXPECT_NE(table.find("hostRoundTrip  0.750000  0.600000  0.700000"), std::string::npos) << table;
}

TEST(QualcommQaicLatency, InstancesCombineLikeQualcommsScript) {
  auto all = parse_qaic_latency_file(kLatencyFile, "lat0.txt");
  append_latency_metrics(all, parse_qaic_latency_file(kLatencyFile, "lat1.txt"), "lat1.txt");
  EXPECT_EQ(all[1].samples_us.size(), 8u);
}

TEST(QualcommQaicLatency, BadFilesNameTheFileAndLine) {
  std::string bad = kLatencyFile;
  bad += "4, 1, oops, 3, 1, 1\n";
  try {
    parse_qaic_latency_file(bad, "lat9.txt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("lat9.txt: line 10"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_qaic_latency_file("a\nb\nc\nd\n", "short.txt"), InputError);
}

}  // namespace
}  // namespace onnxbench::qualcomm
