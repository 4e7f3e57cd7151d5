// The HTML report file and the record files it reads: kinds recognised, bad files named, nothing
// in the page that would load from elsewhere, and no record able to break out of its element.
#include "report/html_report.h"

#include <gtest/gtest.h>

#include <regex>

#include "core/error.h"
#include "core/file_io.h"
#include "report/profile_report.h"
#include "report/report_inputs.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

// scratch_dir() empties the test's folder on each call: one call per test, kept here.
std::string write(const std::string& name, const std::string& text) {
  static std::string dir, test;
  const std::string current = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  if (test != current) {
    dir = testing::scratch_dir();
    test = current;
  }
  const std::string path = dir + "/" + name;
  write_file(path, text);
  return path;
}

const char* const kBench = R"({"kind":"bench","model":{"path":"m.onnx","sha256":"ab"},
  "engine":{"name":"opencv"},"measure":{"requests":3,"latency_ms":{"count":3,"p50":1.5}}})";

std::string error_of(const std::vector<std::string>& paths) {
  try {
    read_report_inputs(paths);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(ReportInputs, RecognisesEachKindAndNamesTheSource) {
  const std::string bench = write("b.json", kBench);
  const std::string compare = write("c.json", R"({"samples":1,"unmatched":0,"tensors":[]})");
  const std::string lut = write("lut.csv",
                                "model,sha256,engine,objective,throughput,latency_p50_ms,"
                                "latency_p99_ms,timestamp_utc,config\n"
                                "m.onnx,ab,opencv,maximize_inf_rate,10,1,2,2026-01-01T00:00:00Z,"
                                "\"{\"\"instances\"\":2}\"\n");
  const nlohmann::json r = read_report_inputs({bench, compare, lut});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0]["kind"], "bench");
  EXPECT_EQ(r[0]["source"], bench);
  EXPECT_EQ(r[1]["kind"], "compare");  // older compare records carry no kind
  EXPECT_EQ(r[2]["kind"], "lut");
  EXPECT_EQ(r[2]["rows"][0]["config"]["instances"], 2);
}

TEST(ReportInputs, BadFilesAreNamedWithTheFieldExpected) {
  const std::string broken = write("broken.json", "{");
  EXPECT_EQ(error_of({broken}), broken + ": not valid JSON");
  const std::string odd = write("odd.json", R"({"kind":"weather"})");
  EXPECT_NE(error_of({odd}).find(odd + ": kind: expected one of bench, profile, compare"),
            std::string::npos);
  const std::string no_sha =
      write("nosha.json", R"({"kind":"profile","model":{"sha256":7},"layers":[]})");
  EXPECT_EQ(error_of({no_sha}), no_sha + ": model.sha256: expected the model's sha256 (a string)");
  const std::string accuracy =
      write("acc.json", R"([{"kind":"accuracy","model":{"sha256":"ab"},"metric":"top1"}])");
  EXPECT_EQ(error_of({accuracy}), accuracy + ": record 1: value: missing");
  const std::string trials = write("t.trials.jsonl", "{\"index\": 0}\n");
  EXPECT_NE(error_of({trials}).find(trials + ":1: "), std::string::npos);
}

TEST(HtmlReport, IsSelfContainedAndRecordsCannotCloseTheirElement) {
  nlohmann::json records = read_report_inputs({write("b.json", kBench)});
  records[0]["model"]["path"] = "</script><script>alert(1)</script>.onnx";
  const std::string html = report_html(records, "a <title>");
  EXPECT_NE(html.find("http-equiv=\"Content-Security-Policy\""), std::string::npos);
  EXPECT_NE(html.find("connect-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("<title>a &lt;title&gt;</title>"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("\\u003c/script>\\u003cscript>alert"), std::string::npos);
  // Every script is inline: no src= and no stylesheet link.
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<script[^>]*\ssrc=)")));
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<link[^>]*stylesheet)")));
  // Each module of web/src is in the import map.
  EXPECT_NE(html.find("\"onnxbench-web/app.js\":\"data:text/javascript;base64,"),
            std::string::npos);
  EXPECT_NE(html.find("\"onnxbench-web/pareto.js\""), std::string::npos);
}

TEST(ProfileJson, LayersCarryTheirModuleUidAndModulesAreMerged) {
  ProfileResult r;
  r.layers = {{"a", "Conv", summarize(std::vector<double>{10, 20, 30}), 0.5, {}},
              {"b", "Conv", summarize(std::vector<double>{30, 40, 50}), 0.5, {}}};
  const nlohmann::json j = profile_json(r, {{"a", "Conv[k]"}, {"b", "Conv[k]"}});
  EXPECT_EQ(j["layers"][1]["module_uid"], "Conv[k]");
  ASSERT_EQ(j["modules"].size(), 1u);
  EXPECT_EQ(j["modules"][0]["layers"], 2);
  EXPECT_DOUBLE_EQ(j["modules"][0]["mean_us"].get<double>(), 30.0);
  EXPECT_DOUBLE_EQ(j["modules"][0]["total_mean_us"].get<double>(), 60.0);
  EXPECT_DOUBLE_EQ(j["modules"][0]["min_us"].get<double>(), 10.0);
}

}  // namespace
}  // namespace onnxbench
