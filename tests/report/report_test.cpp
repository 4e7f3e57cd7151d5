#include <gtest/gtest.h>

#include <sstream>

#include "core/file_io.h"
#include "report/bench_report.h"
#include "report/profile_report.h"
#include "report/record_json.h"
#include "support/profile_test_util.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

using testing::two_identical_convs;

TEST(ProfileCsv, HasAHeaderAndOneRowPerLayer) {
  const std::string path = testing::scratch_dir() + "/p.csv";
  write_profile_csv(path, two_identical_convs());
  const std::string csv = read_file(path);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "name,op_type,count,mean_us,min_us,p50_us,p90_us,p99_us,max_us,share_percent");
  EXPECT_NE(csv.find("conv_a,Conv,3,20.000,10.000,20.000,30.000,30.000,30.000,40.0000\n"),
            std::string::npos)
      << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
}

BenchResult a_result() {
  BenchResult r;
  r.model = {"m.onnx", "abcdef0123456789", ""};
  r.engine = {"opencv", "4.6.0", "0.1.0"};
  r.config.batch = 2;
  r.config.engine_options = {{"threads", 2}};
  r.samples_ms = {1, 2, 3};
  r.sample_instance = {0, 1, 0};
  r.measure = {3, 5, summarize(r.samples_ms)};
  r.throughput = 1200;
  return r;
}

TEST(BenchJson, CarriesIdentityConfigStatisticsAndHost) {
  const auto j = to_json(a_result());
  EXPECT_EQ(j["kind"], "bench");
  EXPECT_EQ(j["model"]["sha256"], "abcdef0123456789");
  EXPECT_EQ(j["engine"]["version"], "4.6.0");
  EXPECT_EQ(j["config"]["batch"], 2);
  EXPECT_EQ(j["config"]["engine_options"]["threads"], 2);
  EXPECT_EQ(j["measure"]["latency_ms"]["p50"], 2.0);
  EXPECT_TRUE(j["measure"]["latency_ms"].contains("p99.9"));
  EXPECT_EQ(j["warmup"]["latency_ms"], (nlohmann::json{{"count", 0}}));  // no NaN in JSON
  EXPECT_TRUE(j.contains("host"));
  EXPECT_TRUE(j.contains("timestamp_utc"));
}

TEST(BenchConsole, ShowsEveryPercentileAndFlagsUnsteadyRuns) {
  BenchResult r = a_result();
  std::ostringstream out;
  print_bench(out, r);
  for (const char* column :
       {"mean", "min", "p50", "p75", "p90", "p95", "p99", "p99.9", "max", "stdev"})
    EXPECT_NE(out.str().find(column), std::string::npos) << column;
  EXPECT_NE(out.str().find("1200.00 inferences/s"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("UNSTEADY"), std::string::npos);
  r.unsteady = true;
  std::ostringstream flagged;
  print_bench(flagged, r);
  EXPECT_NE(flagged.str().find("UNSTEADY"), std::string::npos);
}

TEST(BenchReport, TooFewSamplesForItsPercentilesAreSaidAndTheCountKept) {
  const BenchResult r = a_result();  // 3 requests
  std::ostringstream out;
  print_bench(out, r);
  EXPECT_NE(out.str().find("FEW SAMPLES  only 3 samples: p99 and p99.9 are the maximum"),
            std::string::npos)
      << out.str();
  EXPECT_EQ(to_json(r)["measure"]["latency_ms"]["count"], 3);
  EXPECT_NE(few_samples_note(1).find("only 1 sample:"), std::string::npos);
  EXPECT_NE(few_samples_note(500).find("p99.9 is the maximum"), std::string::npos);
  EXPECT_EQ(few_samples_note(500).find("p99 and"), std::string::npos);
  EXPECT_EQ(few_samples_note(1000), "");
}

TEST(SamplesCsv, OneRowPerMeasuredRequest) {
  const std::string path = testing::scratch_dir() + "/s.csv";
  write_samples_csv(path, a_result());
  EXPECT_EQ(read_file(path), "instance,latency_ms\n0,1.000000\n1,2.000000\n0,3.000000\n");
}

TEST(SamplesCsv, TimestampsStandBesideEachLatency) {
  const std::string path = testing::scratch_dir() + "/s.csv";
  BenchResult r = a_result();
  r.sample_start_ms = {0, 0, 1};
  r.sample_end_ms = {1, 2, 4};
  write_samples_csv(path, r);
  EXPECT_EQ(read_file(path),
            "instance,latency_ms,start_ms,end_ms\n0,1.000000,0.000000,1.000000\n"
            "1,2.000000,0.000000,2.000000\n0,3.000000,1.000000,4.000000\n");
}

}  // namespace
}  // namespace onnxbench
