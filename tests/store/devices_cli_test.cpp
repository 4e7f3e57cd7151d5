// onnxbench devices add|list|remove|reset as a user runs them, on both backends: what is kept,
// the table and JSON, and one clear line for each mistake.
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "store/store.h"
#include "support/run_cli.h"
#include "support/store_backends.h"
#include "support/test_paths.h"

namespace onnxbench::testing {
namespace {

using nlohmann::json;

class DevicesCliTest : public BackendTest {
 protected:
  CliResult devices(const std::string& args) {
    return run_cli("devices " + args + " --store '" + url_ + "'");
  }
};

TEST_P(DevicesCliTest, AddListRemove) {
  auto added = devices(
      "add rb5 ssh://bench@127.0.0.1:2222/data/ob --dim soc=qcs8250 --dim os=linux "
      "--dim os=ubuntu");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_NE(added.output.find("added device rb5 (ssh://bench@127.0.0.1:2222/data/ob) with os="
                              "linux,ubuntu soc=qcs8250"),
            std::string::npos)
      << added.output;
  ASSERT_EQ(devices("add here local").exit_code, 0);

  const auto table = devices("list");
  ASSERT_EQ(table.exit_code, 0) << table.output;
  for (const char* part : {"device", "state", "temp_c", "failures", "rb5", "here", "idle",
                           "os=linux,ubuntu soc=qcs8250"})
    EXPECT_NE(table.output.find(part), std::string::npos) << part << "\n" << table.output;

  const auto listed = devices("list --json -");
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  const json j = json::parse(listed.output);
  ASSERT_EQ(j.at("devices").size(), 2u);
  const json& rb5 = j["devices"][1];
  EXPECT_EQ(rb5.at("name"), "rb5");
  EXPECT_EQ(rb5.at("dimensions").at("os"), json({"linux", "ubuntu"}));
  EXPECT_EQ(rb5.at("state"), "idle");
  EXPECT_TRUE(rb5.at("lease").is_null());
  EXPECT_EQ(rb5.at("consecutive_failures"), 0);
  EXPECT_EQ(rb5.at("quarantined"), false);
  EXPECT_TRUE(rb5.at("temperature_c").is_null());

  const std::string file = scratch_dir() + "/devices.json";
  ASSERT_EQ(devices("list --json " + file).exit_code, 0);
  EXPECT_EQ(json::parse(read_file(file)), j);

  const auto removed = devices("remove rb5");
  ASSERT_EQ(removed.exit_code, 0) << removed.output;
  EXPECT_NE(removed.output.find("removed device rb5"), std::string::npos);
  EXPECT_EQ(json::parse(devices("list --json -").output).at("devices").size(), 1u);
}

TEST_P(DevicesCliTest, ResetTakesADeviceOutOfQuarantine) {
  ASSERT_EQ(devices("add board local").exit_code, 0);
  {
    // Three failed measuring attempts in a row, as a worker records them.
    auto s = store::open_store(url_);
    store::Task t;
    t.stage = "bench";
    t.measures = true;
    t.max_attempts = 5;
    t.spec = {{"command", {"bench"}}, {"measures", true}};
    s->submit({"m1", "m1", "test", std::nullopt, "2026-12-01T00:00:00Z"}, {t});
    store::Worker w;
    w.name = "w";
    w.host = "h";
    w.devices = {"board"};
    s->register_worker(w);
    for (int i = 0; i < 3; ++i) {
      auto claimed = s->claim("w", 60);
      ASSERT_TRUE(claimed);
      s->device_attempt_ended({claimed->id, claimed->epoch}, {false, 3, 71.5});
      s->fail({claimed->id, claimed->epoch}, "device went away", "");
    }
  }
  const auto table = devices("list");
  EXPECT_NE(table.output.find("quarantined"), std::string::npos) << table.output;
  EXPECT_NE(table.output.find("71.5"), std::string::npos) << table.output;
  const auto reset = devices("reset board");
  ASSERT_EQ(reset.exit_code, 0) << reset.output;
  EXPECT_NE(reset.output.find("reset device board: out of quarantine, 3 failure(s) cleared"),
            std::string::npos)
      << reset.output;
  const json j = json::parse(devices("list --json -").output);
  EXPECT_EQ(j["devices"][0].at("state"), "idle");
  EXPECT_EQ(j["devices"][0].at("consecutive_failures"), 0);
}

TEST_P(DevicesCliTest, MistakesGetOneClearLine) {
  ASSERT_EQ(devices("add a1 local").exit_code, 0);
  EXPECT_TRUE(is_one_line_error(devices("add a1 local"), {"device 'a1' is already in the store"}));
  const auto password = devices("add pw ssh://bench:s3cret@host");
  EXPECT_TRUE(is_one_line_error(password, {"password"}));
  EXPECT_EQ(password.output.find("s3cret"), std::string::npos) << password.output;
  EXPECT_TRUE(is_one_line_error(devices("add x ftp://host"), {"ftp://host"}));
  EXPECT_TRUE(is_one_line_error(devices("add 'a/b' local"), {"device name 'a/b'", "letters"}));
  EXPECT_TRUE(
      is_one_line_error(devices("add b2 local --dim soc"), {"--dim soc", "expected KEY=VALUE"}));
  EXPECT_TRUE(is_one_line_error(devices("add b3 local --dim =x"), {"--dim =x"}));
  EXPECT_TRUE(is_one_line_error(devices("remove ghost"), {"device 'ghost' is not in the store"}));
  EXPECT_TRUE(is_one_line_error(devices("reset ghost"), {"device 'ghost' is not in the store"}));
  EXPECT_TRUE(is_one_line_error(devices("list --json /no/such/dir/x.json"), {"--json"}));
  // Nothing half-added.
  EXPECT_EQ(json::parse(devices("list --json -").output).at("devices").size(), 1u);
  const auto help = run_cli("devices add --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--dim"), std::string::npos) << help.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, DevicesCliTest, kBackends);

}  // namespace
}  // namespace onnxbench::testing
