#include "tune/lut.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/file_io.h"
#include "support/test_paths.h"

namespace onnxbench::tune {
namespace {

const std::string kHeader =
    "model,sha256,engine,objective,throughput,latency_p50_ms,latency_p99_ms,timestamp_utc,config\n";

LutRow row(const std::string& model, const std::string& sha, const std::string& engine,
           const std::string& objective, double throughput) {
  return {model,
          sha,
          engine,
          objective,
          throughput,
          1.5,
          2.25,
          "2026-01-02T03:04:05Z",
          {{"threads", 4}, {"batch", 8}}};
}

void expect_same(const LutRow& a, const LutRow& b) {
  EXPECT_EQ(a.model, b.model);
  EXPECT_EQ(a.sha256, b.sha256);
  EXPECT_EQ(a.engine, b.engine);
  EXPECT_EQ(a.objective, b.objective);
  EXPECT_EQ(a.throughput, b.throughput);
  EXPECT_EQ(a.latency_p50_ms, b.latency_p50_ms);
  EXPECT_EQ(a.latency_p99_ms, b.latency_p99_ms);
  EXPECT_EQ(a.timestamp_utc, b.timestamp_utc);
  EXPECT_EQ(a.config, b.config);
}

TEST(Lut, RoundTripsAConfigWithCommasAndQuotes) {
  const std::string path = onnxbench::testing::scratch_dir() + "/lut.csv";
  LutRow r = row("my, \"best\" model.onnx", "abc", "onnxruntime", "maximize_inf_rate", 1234.567);
  r.config["note"] = "a,b \"c\"\nd";
  upsert_lut(path, r);
  const std::string text = read_file(path);
  EXPECT_EQ(text.rfind(kHeader, 0), 0u) << text;
  EXPECT_NE(text.find("\"my, \"\"best\"\" model.onnx\",abc,onnxruntime,maximize_inf_rate,1234.567,"
                      "1.5,2.25,2026-01-02T03:04:05Z,\"{\"\"batch\"\":8,"),
            std::string::npos)
      << text;
  const std::vector<LutRow> rows = read_lut(path);
  ASSERT_EQ(rows.size(), 1u);
  expect_same(rows[0], r);
}

TEST(Lut, UpsertReplacesTheSameModelEngineAndObjectiveAndKeepsTheOrder) {
  const std::string path = onnxbench::testing::scratch_dir() + "/lut.csv";
  upsert_lut(path, row("a.onnx", "aaa", "onnxruntime", "maximize_inf_rate", 1));
  upsert_lut(path, row("b.onnx", "bbb", "onnxruntime", "maximize_inf_rate", 2));
  upsert_lut(path, row("a.onnx", "aaa", "opencv", "maximize_inf_rate", 3));
  upsert_lut(path, row("a.onnx", "aaa", "onnxruntime", "minimize_latency", 4));
  upsert_lut(path, row("renamed.onnx", "aaa", "onnxruntime", "maximize_inf_rate", 5));
  const std::vector<LutRow> rows = read_lut(path);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].model, "renamed.onnx");
  EXPECT_EQ(rows[0].throughput, 5);
  EXPECT_EQ(rows[1].throughput, 2);
  EXPECT_EQ(rows[2].throughput, 3);
  EXPECT_EQ(rows[3].throughput, 4);
}

TEST(Lut, FindMatchesTheHashFirstThenTheFileName) {
  const std::vector<LutRow> rows = {
      row("models/resnet50.onnx", "", "onnxruntime", "maximize_inf_rate", 1),
      row("other.onnx", "f00d", "onnxruntime", "maximize_inf_rate", 2),
      row("resnet50.onnx", "f00d", "opencv", "maximize_inf_rate", 3)};
  const auto by_hash =
      find_lut_row(rows, "f00d", "resnet50.onnx", "onnxruntime", "maximize_inf_rate");
  ASSERT_TRUE(by_hash);
  EXPECT_EQ(by_hash->throughput, 2);
  const auto by_name =
      find_lut_row(rows, "beef", "/data/resnet50.onnx", "onnxruntime", "maximize_inf_rate");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->throughput, 1);
  EXPECT_FALSE(find_lut_row(rows, "beef", "resnet50.onnx", "onnxruntime", "minimize_latency"));
  EXPECT_FALSE(find_lut_row(rows, "beef", "vgg.onnx", "onnxruntime", "maximize_inf_rate"));
}

TEST(Lut, AMissingFileIsAnEmptyTable) {
  EXPECT_TRUE(read_lut(onnxbench::testing::scratch_dir() + "/none.csv").empty());
}

TEST(Lut, AcceptsCrLfLineEnds) {
  const std::string path = onnxbench::testing::scratch_dir() + "/lut.csv";
  std::string text = kHeader;
  text.insert(text.size() - 1, "\r");
  write_file(path, text + "m.onnx,,ort,maximize_inf_rate,10,1,2,t,\"{\"\"threads\"\":2}\"\r\n");
  const std::vector<LutRow> rows = read_lut(path);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].config, (Config{{"threads", 2}}));
}

TEST(Lut, AMalformedTableNamesTheFileLineAndField) {
  const std::string path = onnxbench::testing::scratch_dir() + "/lut.csv";
  const std::string good = "m.onnx,abc,ort,maximize_inf_rate,10,1,2,t,{}\n";
  const std::pair<std::string, std::string> cases[] = {
      {"model,sha\n", ":1: header: expected " + kHeader.substr(0, kHeader.size() - 1)},
      {kHeader + good + "m.onnx,abc,ort,maximize_inf_rate,fast,1,2,t,{}\n",
       ":3: throughput: expected a number, found 'fast'"},
      {kHeader + "m.onnx,abc,ort,maximize_inf_rate,10,1,2,t,[1]\n",
       ":2: config: expected a JSON object of knob values"},
      {kHeader + "m.onnx,abc,ort,maximize_inf_rate,10,1,2\n",
       ":2: timestamp_utc: missing, expected 9 fields"},
      {kHeader + "m.onnx,abc,ort,maximize_inf_rate,10,1,2,t,{\"a\":1,\"b\":2}\n",
       ":2: row: expected 9 fields, found 10"},
      {kHeader + good + "m.onnx,abc,ort,maximize_inf_rate,10,1,2,t,\"{\n",
       ":3: config: unterminated quoted field"},
  };
  for (const auto& [text, message] : cases) {
    write_file(path, text);
    try {
      read_lut(path);
      ADD_FAILURE() << "accepted " << text;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(path + message, 0), 0u) << e.what();
    }
  }
}

}  // namespace
}  // namespace onnxbench::tune
