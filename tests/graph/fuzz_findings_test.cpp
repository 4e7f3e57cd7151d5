// What fuzz_model_loader (fuzz/) found in the loader, kept as regressions: each crashing input
// is in fuzz/corpus/model_loader/finding-*.onnx and must now be a one-line InputError.
#include <gtest/gtest.h>

#include "graph/loader.h"
#include "support/model_test_util.h"
#include "support/test_paths.h"

namespace onnxbench::model {
namespace {

using onnxbench::testing::contains;
using onnxbench::testing::input_error_of;

std::string finding(const std::string& name) {
  return onnxbench::testing::source_dir() + "/fuzz/corpus/model_loader/finding-" + name;
}

std::string load_error(const std::string& path) {
  const std::string e = input_error_of([&] { load_model(path); });
  EXPECT_EQ(e.find('\n'), std::string::npos) << e;
  return e;
}

// ONNX 1.12's Scan shape inference read the missing num_scan_inputs attribute: SEGV.
TEST(LoaderFuzzFindings, AScanWithoutNumScanInputsIsRefusedBeforeShapeInference) {
  const std::string path = finding("scan-without-num_scan_inputs.onnx");
  const std::string e = load_error(path);
  EXPECT_TRUE(contains(e, path + ": node #0: op 'Scan' does not match its schema")) << e;
  EXPECT_TRUE(contains(e, "num_scan_inputs")) << e;
}

}  // namespace
}  // namespace onnxbench::model
