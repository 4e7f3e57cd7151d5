// Both real engines, through the same client, on models the tests build and on ONNX's own
// conformance data.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/npy.h"
#include "core/tensor_pb.h"
#include "engines/engine.h"
#include "graph/builder.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

class RealEngine : public ::testing::TestWithParam<std::string> {
 protected:
  // The demo CNN with a symbolic batch, saved once per test.
  std::string demo_model() {
    const std::string path = testing::scratch_dir() + "/demo.onnx";
    model::save_model(model::demo_cnn(7, true), path);
    return path;
  }
  std::string write_input(const Engine& engine, const Shape& shape, std::uint64_t seed) {
    const std::string path = engine.work_dir() + "/x_" + std::to_string(seed) + ".npy";
    write_npy(path, random_tensor(DType::kFloat32, shape, seed));
    return path;
  }
};

void expect_close(const Tensor& a, const Tensor& b, float tolerance) {
  ASSERT_EQ(a.shape, b.shape);
  ASSERT_EQ(a.dtype, DType::kFloat32);
  for (std::int64_t i = 0; i < a.element_count(); ++i)
    ASSERT_NEAR(a.as<float>()[i], b.as<float>()[i], tolerance) << "element " << i;
}

TEST_P(RealEngine, HelloDeclaresAThreadsKnobAndItsCapabilities) {
  Engine engine(GetParam(), RunnerLimits{});
  EXPECT_EQ(engine.info().engine, GetParam());
  EXPECT_FALSE(engine.info().engine_version.empty());
  ASSERT_NE(engine.info().threads_knob(), nullptr);
  EXPECT_TRUE(engine.info().capabilities.profile);
  const auto& dtypes = engine.info().capabilities.input_dtypes;
  EXPECT_NE(std::find(dtypes.begin(), dtypes.end(), "float32"), dtypes.end());
}

TEST_P(RealEngine, MatchesOnnxConformanceOutputs) {
  const std::string dir = "/usr/share/libonnx-testdata/data/node/test_conv_with_strides_padding/";
  if (!fs::exists(dir)) GTEST_SKIP() << "libonnx-testdata is not installed";
  Engine engine(GetParam(), RunnerLimits{});
  engine.load(dir + "model.onnx", 1, nlohmann::json::object());
  InputFiles inputs;
  for (int i = 0; i < 2; ++i) {
    NamedTensor t = read_tensor_pb(dir + "test_data_set_0/input_" + std::to_string(i) + ".pb");
    const std::string path = engine.work_dir() + "/in" + std::to_string(i) + ".npy";
    write_npy(path, t.tensor);
    inputs[t.name] = path;
  }
  const auto outputs = engine.infer(inputs, testing::scratch_dir());
  ASSERT_EQ(outputs.size(), 1u);
  expect_close(read_npy(outputs[0].path),
               read_tensor_pb(dir + "test_data_set_0/output_0.pb").tensor, 1e-4f);
}

TEST_P(RealEngine, BatchFourGivesFourRowsAndAgreesWithBatchOne) {
  Engine engine(GetParam(), RunnerLimits{});
  engine.load(demo_model(), 1, nlohmann::json::object());
  const Tensor batch = random_tensor(DType::kFloat32, {4, 3, 96, 96}, 3);
  write_npy(engine.work_dir() + "/b4.npy", batch);
  const auto out4 =
      engine.infer({{"input", engine.work_dir() + "/b4.npy"}}, testing::scratch_dir() + "/4");
  const Tensor y4 = read_npy(out4.at(0).path);
  ASSERT_EQ(y4.shape, (Shape{4, 10}));
  // The second image alone gives the second row.
  Tensor one(DType::kFloat32, {1, 3, 96, 96});
  std::copy_n(batch.data.begin() + one.byte_size(), one.byte_size(), one.data.begin());
  write_npy(engine.work_dir() + "/b1.npy", one);
  const auto out1 =
      engine.infer({{"input", engine.work_dir() + "/b1.npy"}}, testing::scratch_dir() + "/1");
  const Tensor y1 = read_npy(out1.at(0).path);
  for (int k = 0; k < 10; ++k) EXPECT_NEAR(y1.as<float>()[k], y4.as<float>()[10 + k], 1e-4f);
}

// The runner keeps an input file mapped between requests: a file rewritten in place (write_npy),
// at the same or another size or with another header, and a file replaced by another under the
// same name, are each read as they are now.
TEST_P(RealEngine, AnInputFileRewrittenOrReplacedIsReadAsItIsNow) {
  Engine engine(GetParam(), RunnerLimits{});
  engine.load(demo_model(), 1, nlohmann::json::object());
  const std::string x = engine.work_dir() + "/x.npy", out = testing::scratch_dir() + "/out";
  const auto output_for = [&](const std::string& path) {
    return read_npy(engine.infer({{"input", path}}, out).at(0).path);
  };
  std::vector<Tensor> expected;
  for (std::uint64_t seed : {1, 2, 3, 4})
    expected.push_back(output_for(write_input(engine, {seed == 3 ? 2 : 4, 3, 96, 96}, seed)));

  write_npy(x, random_tensor(DType::kFloat32, {4, 3, 96, 96}, 1));
  expect_close(output_for(x), expected[0], 1e-5f);
  write_npy(x, random_tensor(DType::kFloat32, {4, 3, 96, 96}, 2));  // in place, same size
  expect_close(output_for(x), expected[1], 1e-5f);
  write_npy(x, random_tensor(DType::kFloat32, {2, 3, 96, 96}, 3));  // in place, smaller
  expect_close(output_for(x), expected[2], 1e-5f);
  const std::string other = engine.work_dir() + "/other.npy";
  write_npy(other, random_tensor(DType::kFloat32, {4, 3, 96, 96}, 4));
  fs::rename(other, x);  // another file under the same name
  expect_close(output_for(x), expected[3], 1e-5f);
  // The same bytes under another header: the shape is read anew. ONNX Runtime refuses it, OpenCV
  // (which checks no declared shape) runs it as 8 images.
  write_npy(x, random_tensor(DType::kFloat32, {8, 3, 48, 96}, 5));
  try {
    EXPECT_EQ(output_for(x).shape, (Shape{8, 10})) << "the old header's shape was used";
    EXPECT_EQ(GetParam(), "opencv");
  } catch (const EngineError& e) {
    EXPECT_EQ(GetParam(), "onnxruntime");
    EXPECT_NE(std::string(e.what()).find("[8,3,48,96]"), std::string::npos) << e.what();
  }
}

// `split`: one request, one engine call per row here (a model of batch 1 takes 5 images so), the
// outputs stacked in order; each row is what a request of that image alone gives.
TEST_P(RealEngine, SplitMakesOneCallPerRowsAndStacksTheOutputsInOrder) {
  Engine engine(GetParam(), RunnerLimits{});
  ASSERT_TRUE(engine.info().capabilities.split);
  const std::string model = testing::scratch_dir() + "/batch1.onnx";
  model::save_model(model::demo_cnn(7, false), model);
  engine.load(model, 1, nlohmann::json::object());
  const Tensor five = random_tensor(DType::kFloat32, {5, 3, 96, 96}, 11);
  write_npy(engine.work_dir() + "/five.npy", five);
  const Tensor stacked = read_npy(
      engine.infer({{"input", engine.work_dir() + "/five.npy"}}, engine.work_dir() + "/out", {}, 1)
          .at(0)
          .path);
  ASSERT_EQ(stacked.shape, (Shape{5, 10}));
  for (std::int64_t row : {0, 4}) {
    Tensor one(DType::kFloat32, {1, 3, 96, 96});
    std::copy_n(five.data.begin() + row * static_cast<std::int64_t>(one.byte_size()),
                one.byte_size(), one.data.begin());
    write_npy(engine.work_dir() + "/one.npy", one);
    const Tensor y = read_npy(
        engine.infer({{"input", engine.work_dir() + "/one.npy"}}, engine.work_dir() + "/one")
            .at(0)
            .path);
    for (int k = 0; k < 10; ++k)
      EXPECT_NEAR(stacked.as<float>()[row * 10 + k], y.as<float>()[k], 1e-5f) << row << "," << k;
  }
  try {
    engine.infer({{"input", engine.work_dir() + "/five.npy"}}, engine.work_dir() + "/out", {}, 0);
    ADD_FAILURE() << "split 0 was taken";
  } catch (const EngineError& e) {
    EXPECT_EQ(e.kind(), "bad_request");
    EXPECT_NE(std::string(e.what()).find("field 'split' is 0"), std::string::npos) << e.what();
  }
}

TEST_P(RealEngine, BenchByIterationsCountsExactlyAndUsesEveryInstance) {
  Engine engine(GetParam(), RunnerLimits{});
  engine.load(demo_model(), 2, nlohmann::json{{engine.info().threads_knob()->name, 1}});
  BenchRequest r;
  r.inputs = {{"input", write_input(engine, {1, 3, 96, 96}, 1)}};
  r.warmup_iterations = 3;
  r.run_iterations = 40;
  r.set_size = 2;
  long long last_done = -1;
  const BenchRaw raw = engine.bench(r, [&](const BenchProgress& p) { last_done = p.done; });
  EXPECT_EQ(raw.measure_count, 40);
  ASSERT_EQ(raw.measure.size(), 2u);
  std::size_t samples = 0;
  for (const auto& inst : raw.measure) {
    EXPECT_FALSE(inst.latency_us.empty()) << "instance " << inst.instance << " did no work";
    samples += inst.latency_us.size();
    for (double us : inst.latency_us) EXPECT_GT(us, 0.0);
    for (const auto& [stage, values] : inst.stages_us)
      EXPECT_EQ(values.size(), inst.latency_us.size()) << stage;
  }
  EXPECT_EQ(samples, 40u);
  ASSERT_EQ(raw.warmup.size(), 2u);
  EXPECT_EQ(raw.warmup[0].latency_us.size() + raw.warmup[1].latency_us.size(), 6u);
  EXPECT_EQ(raw.warmup_count, 6);
  EXPECT_GT(raw.measure_wall_ms, 0.0);
  EXPECT_LE(last_done, 40);
}

TEST_P(RealEngine, BenchBySecondsRunsAtLeastThatLong) {
  Engine engine(GetParam(), RunnerLimits{});
  engine.load(demo_model(), 1, nlohmann::json::object());
  BenchRequest r;
  r.inputs = {{"input", write_input(engine, {1, 3, 96, 96}, 1)}};
  r.run_seconds = 0.3;
  const BenchRaw raw = engine.bench(r);
  EXPECT_GE(raw.measure_wall_ms, 300.0);
  ASSERT_EQ(raw.measure.size(), 1u);
  EXPECT_EQ(static_cast<long long>(raw.measure[0].latency_us.size()), raw.measure_count);
  EXPECT_GT(raw.measure_count, 0);
}

TEST_P(RealEngine, ProfileGivesOneSamplePerIterationForEveryLayer) {
  Engine engine(GetParam(), RunnerLimits{});
  engine.load(demo_model(), 1, nlohmann::json::object());
  const ProfileRaw p = engine.profile({{"input", write_input(engine, {1, 3, 96, 96}, 1)}}, 2, 5);
  EXPECT_EQ(p.total_us.size(), 5u);
  ASSERT_FALSE(p.layers.empty());
  bool has_conv = false;
  for (const auto& l : p.layers) {
    EXPECT_EQ(l.samples_us.size(), 5u) << l.name;
    has_conv |= l.op_type.find("Conv") != std::string::npos ||
                l.op_type.find("Convolution") != std::string::npos;
  }
  EXPECT_TRUE(has_conv);
}

TEST_P(RealEngine, ModelTheEngineRejectsIsAModelError) {
  const std::string path = testing::scratch_dir() + "/bad.onnx";
  // A Conv whose weight has the wrong rank: valid protobuf, invalid model.
  model::ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 3, 8, 8})
      .random_initializer("w", {4, 3}, 1)
      .node("Conv", {"x", "w"}, {"y"}, {}, "broken_conv")
      .output("y", DType::kFloat32);
  model::save_model(b.build(), path);
  Engine engine(GetParam(), RunnerLimits{});
  try {
    engine.load(path, 1, nlohmann::json::object());
    FAIL() << "expected an EngineError";
  } catch (const EngineError& e) {
    EXPECT_EQ(e.kind(), "model") << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  // The runner survives its engine's refusal and loads the next model.
  engine.load(demo_model(), 1, nlohmann::json::object());
}

TEST_P(RealEngine, BadNpyIsAnIoError) {
  Engine engine(GetParam(), RunnerLimits{});
  engine.load(demo_model(), 1, nlohmann::json::object());
  const std::string bad = engine.work_dir() + "/bad.npy";
  std::ofstream(bad) << "not numpy";
  try {
    engine.infer({{"input", bad}}, testing::scratch_dir());
    FAIL() << "expected an EngineError";
  } catch (const EngineError& e) {
    EXPECT_EQ(e.kind(), "io") << e.what();
    EXPECT_NE(std::string(e.what()).find("bad.npy"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, RealEngine, ::testing::Values("onnxruntime", "opencv"));

TEST(OpenCvEngine, UnsupportedOpNamesTheFailingNode) {
  // OpenCV 4.6 has no layer for NonZero.
  const std::string path = testing::scratch_dir() + "/nonzero.onnx";
  model::ModelBuilder b;
  b.input("x", DType::kFloat32, {2, 3})
      .node("Relu", {"x"}, {"r"}, {}, "first_relu")
      .node("NonZero", {"r"}, {"y"}, {}, "the_nonzero_node")
      .output("y", DType::kInt64, {2, "n"});
  model::save_model(b.build(), path);
  Engine engine("opencv", RunnerLimits{});
  try {
    engine.load(path, 1, nlohmann::json::object());
    FAIL() << "expected an EngineError";
  } catch (const EngineError& e) {
    EXPECT_EQ(e.kind(), "model") << e.what();
    EXPECT_EQ(e.node(), "the_nonzero_node") << e.what();
    EXPECT_NE(std::string(e.what()).find("the_nonzero_node"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace onnxbench
