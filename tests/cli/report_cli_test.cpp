// onnxbench report as a user runs it: records from files and from a store, and its errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

using testing::run_cli;

TEST(ReportCli, WritesThePageFromFilesAndFromAStore) {
  const std::string dir = testing::scratch_dir();
  ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + dir + "/m.onnx").exit_code, 0);
  ASSERT_EQ(run_cli("bench " + dir + "/m.onnx --engine opencv --iterations 20 --json " + dir +
                    "/b.json --store " + dir + "/s.db")
                .exit_code,
            0);
  const std::string sha =
      nlohmann::json::parse(read_file(dir + "/b.json"))["model"]["sha256"].get<std::string>();
  const auto from_file = run_cli("report " + dir + "/b.json -o " + dir + "/f.html");
  ASSERT_EQ(from_file.exit_code, 0) << from_file.output;
  EXPECT_NE(from_file.output.find("report: 1 record(s) from 1 file(s)"), std::string::npos);
  const auto from_store = run_cli("report --store " + dir + "/s.db --model " + sha.substr(0, 12) +
                                  " -o " + dir + "/s.html");
  ASSERT_EQ(from_store.exit_code, 0) << from_store.output;
  EXPECT_NE(from_store.output.find("report: 1 record(s)"), std::string::npos);
  EXPECT_NE(read_file(dir + "/s.html").find(sha), std::string::npos);
  EXPECT_NE(read_file(dir + "/s.html").find("--iterations 20"), std::string::npos);  // reproduce
}

// A fleet's store holds inspect records (no view draws them) and tune trials one by one: the
// report leaves out the first, saying so, and gathers the trials into one tuner view.
TEST(ReportCli, AFleetStoreGivesItsTrialsAndLeavesOutWhatNoViewDraws) {
  const std::string dir = testing::scratch_dir();
  const std::string store = " --store " + dir + "/s.db";
  ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + dir + "/m.onnx").exit_code, 0);
  write_file(dir + "/p.json", R"({"name": "p", "stages": [{"name": "inspect",
    "command": ["inspect", "{input}", "--json", "-"], "record": "stdout", "value": "/macs/total"}]})");
  ASSERT_EQ(
      run_cli("farm submit " + dir + "/m.onnx --pipeline " + dir + "/p.json" + store).exit_code, 0);
  ASSERT_EQ(run_cli("farm worker --max-tasks 1 --idle-exit 1" + store).exit_code, 0);
  write_file(dir + "/space.json", R"({"max_func_eval": 2, "objective": "maximize_inf_rate",
    "params": {"instances": {"min": 1, "max": 2}}, "static_params": {"threads": 1}})");
  const auto tune = run_cli("tune " + dir + "/m.onnx --engine opencv --spec " + dir +
                            "/space.json --trial-duration 0.2 --trials " + dir + "/t.jsonl --lut " +
                            dir + "/lut.csv" + store);
  ASSERT_EQ(tune.exit_code, 0) << tune.output;
  const auto report = run_cli("report" + store + " -o " + dir + "/r.html");
  ASSERT_EQ(report.exit_code, 0) << report.output;
  EXPECT_NE(report.output.find("report: left out 1 inspect record(s): no view draws them"),
            std::string::npos)
      << report.output;
  EXPECT_NE(report.output.find("report: 1 record(s)"), std::string::npos) << report.output;
  const std::string html = read_file(dir + "/r.html");
  EXPECT_NE(html.find(R"("kind":"tune")"), std::string::npos);
  EXPECT_NE(html.find(R"("name":"m.opencv")"), std::string::npos);
}

TEST(ReportCli, ErrorsAreOneLineAndNameWhatIsWrong) {
  const std::string dir = testing::scratch_dir();
  const auto none = run_cli("report -o " + dir + "/r.html");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.output.find("report needs RECORD files or --store URL"), std::string::npos);
  write_file(dir + "/x.json", R"({"kind": "weather"})");
  const auto odd = run_cli("report " + dir + "/x.json -o " + dir + "/r.html");
  EXPECT_EQ(odd.exit_code, 1);
  EXPECT_NE(odd.output.find(dir + "/x.json: kind: expected one of bench"), std::string::npos)
      << odd.output;
}

}  // namespace
}  // namespace onnxbench
