// Every way a model reaches an engine goes through load_into_engine: a raw export that OpenCV's
// importer rejects (Identity, Constant bounds of a Clip) loads there in a simplified copy even when
// the caller prepared nothing (latency's modules, compare's and quantize's models), and the user's
// file stays as it was.
#include "bench/engine_preparation.h"

#include <gtest/gtest.h>

#include "core/file_io.h"
#include "support/raw_export_model.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

TEST(EnginePreparation, OpenCvGetsASimplifiedCopyOfAModelNoCallerPrepared) {
  const std::string path = testing::write_raw_export_model(testing::scratch_dir());
  const std::string before = read_file(path);
  Engine engine("opencv", {});
  ModelUnderTest model;
  model.path = path;
  load_into_engine(engine, model, 1, nlohmann::json::object());
  EXPECT_EQ(model.prepared_for, "opencv");
  EXPECT_NE(model.prepared.find("simplified for opencv in a temporary copy"), std::string::npos)
      << model.prepared;
  EXPECT_NE(model.load_path, path);
  EXPECT_EQ(read_file(path), before);
}

TEST(EnginePreparation, OnnxRuntimeLoadsTheModelAsItIs) {
  const std::string path = testing::write_raw_export_model(testing::scratch_dir());
  Engine engine("onnxruntime", {});
  ModelUnderTest model;
  model.path = path;
  load_into_engine(engine, model, 1, nlohmann::json::object());
  EXPECT_EQ(model.prepared_for, "onnxruntime");
  EXPECT_TRUE(model.prepared.empty());
  EXPECT_TRUE(model.load_path.empty());
}

}  // namespace
}  // namespace onnxbench
