// The calibration table's reader (quant/calibration_table.h): a written table reads back, and what
// fuzz_calibration_table (fuzz/) reached is an InputError naming the field. The inputs are in
// fuzz/corpus/calibration_table/finding-*.json.
#include "quant/calibration_table.h"

#include <gtest/gtest.h>

#include "core/file_io.h"
#include "support/model_test_util.h"
#include "support/test_paths.h"

namespace onnxbench::quant {
namespace {

using onnxbench::testing::contains;
using onnxbench::testing::input_error_of;

constexpr const char* kHead = R"({"format": "onnxbench-calibration-table", )";

std::string error_of(const std::string& rest) {
  return input_error_of([&] { parse_calibration_table(kHead + rest, "t.json"); });
}

TEST(CalibrationTable, AWrittenTableReadsBack) {
  CalibrationTable table;
  table.method = "entropy";
  table.samples = 4;
  table.model_sha256 = "0abe";
  table.tensors["conv1_out"] = {{-1.5, 6.0}, -2.1, 9.3, 1000};
  const std::string path = onnxbench::testing::scratch_dir() + "/table.json";
  write_calibration_table(path, table);
  const CalibrationTable back = read_calibration_table(path);
  EXPECT_EQ(back.method, "entropy");
  EXPECT_EQ(back.samples, 4);
  EXPECT_EQ(back.model_sha256, "0abe");
  const TensorRange& r = back.tensors.at("conv1_out");
  EXPECT_EQ(r.range.lo, -1.5);
  EXPECT_EQ(r.range.hi, 6.0);
  EXPECT_EQ(r.max, 9.3);
  EXPECT_EQ(r.count, 1000);
}

// A mistyped "method", "format" or "model_sha256" was a json type_error ("internal error"); the
// fix is main's move of this reader onto JsonFields, these tests keep it.
TEST(CalibrationTable, AMistypedTextFieldIsAnInputError) {
  EXPECT_TRUE(contains(error_of(R"("tensors": {}, "method": 5})"),
                       "t.json: method: expected a string"));
  EXPECT_TRUE(
      contains(input_error_of([] { parse_calibration_table(R"({"format": [1]})", "t.json"); }),
               "t.json: format: expected one of onnxbench-calibration-table"));
  EXPECT_TRUE(contains(error_of(R"("tensors": {}, "model_sha256": {}})"), "t.json: model_sha256: expected a string"));
}

// A count of 1e300 was converted to int64 unchecked: undefined behaviour (UBSan).
TEST(CalibrationTable, ACountThatIsNoIntegerIsAnInputError) {
  EXPECT_TRUE(contains(error_of(R"("tensors": {"a": {"lo": 0, "hi": 1, "count": 1e300}}})"),
                       "t.json: tensors.a.count: expected an integer >= 0"));
  EXPECT_TRUE(contains(error_of(R"("tensors": {}, "samples": -3})"),
                       "t.json: samples: expected an integer >= 0"));
}

// JSON has no infinity: a number beyond double's range is a parse error, not an infinite range.
TEST(CalibrationTable, ANumberOverflowIsNotJson) {
  const std::string e = error_of(R"("tensors": {"a": {"lo": -1e999, "hi": 1}}})");
  EXPECT_TRUE(contains(e, "t.json: not JSON")) << e;
  EXPECT_TRUE(contains(e, "number overflow")) << e;
}

}  // namespace
}  // namespace onnxbench::quant
