#include "latency/latency_table.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/file_io.h"
#include "support/test_paths.h"

namespace onnxbench::latency {
namespace {

std::string error_of(const std::string& path) {
  try {
    read_latency_table(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(LatencyTable, RoundTripsUidsWithCommasAndQuotes) {
  LatencyTable t;
  ModuleLatency a{
      "Conv[pads=[1,1,1,1]][[1,3,8,8],[4,3,3,3]]+Clip[max=6.000000,min=0.000000]"
      "[[1,4,8,8]]",
      "CPU",
      {{kLayersTime, {10.5, 12.25, 20}}, {kTotalInferenceTime, {30, 31, 40}}}};
  ModuleLatency b{"Odd[name=\"x\"][[1]]", "CPU", {{kForwardPropagate, {1, 2, 3}}}};
  t.add(a);
  t.add(b);
  const std::string path = testing::scratch_dir() + "/table.csv";
  write_latency_table(path, t);
  const std::string text = read_file(path);
  EXPECT_NE(text.find("\"Conv[pads=[1,1,1,1]]"), std::string::npos) << text;
  EXPECT_NE(text.find(",CPU,Layers Time,Avg_Time,12.2\n"), std::string::npos) << text;

  const LatencyTable back = read_latency_table(path);
  ASSERT_EQ(back.order(), (std::vector<std::string>{a.uid, b.uid}));
  EXPECT_DOUBLE_EQ(back.value_us(a.uid, kLayersTime, "Avg_Time"),
                   12.2);  // written with one decimal
  EXPECT_DOUBLE_EQ(back.at(a.uid).by_key.at(kLayersTime).min, 10.5);
  EXPECT_DOUBLE_EQ(back.at(a.uid).by_key.at(kTotalInferenceTime).max, 40);
  EXPECT_DOUBLE_EQ(back.value_us(b.uid, kForwardPropagate, "Avg_Time"), 2);
  EXPECT_EQ(back.at(b.uid).runtime, "CPU");
  EXPECT_THROW(back.value_us(b.uid, kLayersTime, "Min_Time"), InputError);
}

TEST(LatencyTable, ReadsSeed001sExampleRows) {
  const std::string path = testing::scratch_dir() + "/seed.csv";
  const std::string uid =
      "Conv[in_channels=192,out_channels=192,kernel=[5,5],stride=[1,1],pad=[2,2],dilation=None,"
      "base_axis=1,group=192,with_bias=False,fix_parameters=False,channel_last=False]"
      "[[1,192,16,16]]";
  write_file(path, "\"" + uid + "\",GPU,Forward Propagate,Min_Time,595\n\"" + uid +
                       "\",GPU,Layers Time,Avg_Time,37.0\n");
  const LatencyTable t = read_latency_table(path);
  EXPECT_DOUBLE_EQ(t.value_us(uid, kLayersTime, "Avg_Time"), 37.0);
  EXPECT_DOUBLE_EQ(t.at(uid).by_key.at(kForwardPropagate).min, 595);
  EXPECT_EQ(t.at(uid).runtime, "GPU");
}

TEST(LatencyTable, RowsNotInSeed001sFormatNameTheRowAndField) {
  const std::string dir = testing::scratch_dir();
  const std::string good = "\"A[][[1]]\",CPU,Layers Time,Avg_Time,1.0\n";
  const struct {
    std::string row, expected;
  } cases[] = {
      {"A,CPU,Layers Time,Avg_Time\n", "row 2: expected 5 fields"},
      {"\"A,CPU,Layers Time,Avg_Time,1\n", "row 2: expected 5 fields"},
      {"A,CPU,Layer Time,Avg_Time,1\n", "row 2: <LatencyKey>: expected"},
      {"A,CPU,Layers Time,Mean,1\n", "row 2: <Stats>: expected Min_Time, Avg_Time or Max_Time"},
      {"A,CPU,Layers Time,Avg_Time,fast\n", "row 2: <Value>: expected a latency"},
      {"A,CPU,Layers Time,Avg_Time,-3\n", "row 2: <Value>"},
      {"A[][[1]],GPU,Layers Time,Min_Time,1\n", "row 2: <Runtime>: module rows disagree"},
  };
  for (const auto& c : cases) {
    const std::string path = dir + "/bad.csv";
    write_file(path, good + c.row);
    const std::string error = error_of(path);
    EXPECT_NE(error.find(path + ": " + c.expected), std::string::npos) << c.row << error;
  }
}

}  // namespace
}  // namespace onnxbench::latency
