// What the JSON fuzzers (fuzz/) found in the zoo's readers, kept as regressions.
#include <gtest/gtest.h>

#include "core/file_io.h"
#include "support/model_test_util.h"
#include "support/test_paths.h"
#include "zoo/architecture.h"
#include "zoo/search_space.h"

namespace onnxbench::model {
namespace {

using onnxbench::testing::contains;
using onnxbench::testing::input_error_of;

// A number beyond double's range made json::parse throw out_of_range, which the readers did not
// catch as "not valid JSON": it ended in "internal error".
TEST(ZooFuzzFindings, ANumberOverflowIsNotValidJson) {
  const std::string path = onnxbench::testing::scratch_dir() + "/overflow.json";
  write_file(path, R"({"family": "mobilenet_v2", "input_size": 1e309})");
  for (const std::string& e : {input_error_of([&] { read_architecture(path); }),
                               input_error_of([&] { read_space(path); })}) {
    EXPECT_TRUE(contains(e, path + ": not valid JSON")) << e;
    EXPECT_TRUE(contains(e, "number overflow")) << e;
  }
}

}  // namespace
}  // namespace onnxbench::model
