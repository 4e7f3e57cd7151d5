// Commands save their records with --store on both backends: quantize --analyze saves the same
// JSON as its --analyze-json, and `results` lists it.
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "support/fleet.h"
#include "support/run_cli.h"
#include "support/store_backends.h"
#include "support/test_paths.h"

namespace onnxbench::testing {
namespace {

using nlohmann::json;

class RecordsCliTest : public BackendTest {};

TEST_P(RecordsCliTest, QuantizeAnalyzeSavesItsSensitivityRecord) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 1);
  const std::string store = " --store '" + url_ + "'";
  const auto q = run_cli("quantize " + models[0] + " --calib random:4 --analyze -o " + dir +
                         "/mixed.onnx --analyze-json " + dir + "/analyze.json" + store);
  ASSERT_EQ(q.exit_code, 0) << q.output;
  EXPECT_NE(q.output.find("sensitivity record 1 saved in"), std::string::npos) << q.output;

  const auto r = run_cli("results --kind sensitivity --json -" + store);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json listed = json::parse(r.output);
  ASSERT_EQ(listed.size(), 1u);
  const json written = json::parse(read_file(dir + "/analyze.json"));
  EXPECT_EQ(listed[0]["record"], written);
  EXPECT_EQ(listed[0]["model_sha256"], written["model"]["sha256"]);
  EXPECT_EQ(listed[0]["engine"], "onnxruntime");
  const auto table = run_cli("results --kind sensitivity" + store);
  EXPECT_NE(table.output.find("all int8 "), std::string::npos) << table.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordsCliTest, kBackends);

class RecordsCliErrors : public ScratchTest {};

TEST_F(RecordsCliErrors, QuantizeStoreWithoutAnalyzeIsOneClearError) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 1);
  EXPECT_TRUE(is_one_line_error(run_cli("quantize " + models[0] + " --calib random:2 -o " + dir +
                                        "/q.onnx --store " + dir + "/s.db"),
                                {"--store", "--analyze"}));
}

}  // namespace
}  // namespace onnxbench::testing
