// What fuzz_runner_request (fuzz/) found in the OpenCV runner, kept as a regression against the
// real runner process: the crashing request is fuzz/corpus/runner_request/finding-*.jsonl.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engines/registry.h"
#include "engines/subprocess.h"

namespace onnxbench {
namespace {

// A number beyond double's range made json::parse throw out_of_range, which the request reader
// did not catch as "not JSON": the reply was an "engine" error instead of bad_request.
TEST(RunnerFuzzFindings, ANumberOverflowInARequestIsABadRequest) {
  Subprocess runner(runner_command("opencv"));
  ASSERT_TRUE(runner.write_line(R"({"id":4,"op":"bench","set_size":21e309})"));
  std::string line;
  ASSERT_EQ(runner.read_line(line, std::chrono::seconds(60), 0), Subprocess::ReadStatus::kLine);
  const auto reply = nlohmann::json::parse(line);
  EXPECT_EQ(reply["ok"], false) << line;
  EXPECT_EQ(reply["error"]["kind"], "bad_request") << line;
  EXPECT_NE(reply["error"]["message"].get<std::string>().find("number overflow"), std::string::npos)
      << line;
  runner.write_line(R"({"id":5,"op":"quit"})");
  runner.finish(std::chrono::seconds(5));
}

}  // namespace
}  // namespace onnxbench
