// Seed 000's accuracy stages end to end on both backends: the default pipeline's eval stages wait
// until `farm set dataset=...`, then run on the engines, and the first one's F1 orders the rest.
#include <cstdint>
#include <fstream>
#include <random>

#include "store/store.h"
#include "support/fleet.h"
#include "support/run_cli.h"
#include "support/store_backends.h"
#include "support/test_paths.h"

namespace onnxbench::testing {
namespace {

class AccuracyCliTest : public BackendTest {};

void big_endian(std::ofstream& out, std::uint32_t v) {
  const char bytes[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                         static_cast<char>(v >> 8), static_cast<char>(v)};
  out.write(bytes, 4);
}

// `count` seeded 28x28 gray images and their labels 0-9, as IDX files; returns the images' path.
std::string write_idx_dataset(const std::string& dir, std::uint32_t count) {
  std::mt19937 rng(7);
  std::ofstream images(dir + "/val-images-idx3-ubyte", std::ios::binary);
  std::ofstream labels(dir + "/val-labels-idx1-ubyte", std::ios::binary);
  big_endian(images, 0x803);
  for (std::uint32_t d : {count, 28u, 28u}) big_endian(images, d);
  big_endian(labels, 0x801);
  big_endian(labels, count);
  for (std::uint32_t i = 0; i < count; ++i) {
    for (int p = 0; p < 28 * 28; ++p) images.put(static_cast<char>(rng() % 256));
    labels.put(static_cast<char>(i % 10));
  }
  return dir + "/val-images-idx3-ubyte";
}

TEST_P(AccuracyCliTest, EvalStagesWaitForTheDatasetThenRunOrderedByF1) {
  const std::string dir = scratch_dir();
  const auto models = make_models(dir, 1);
  const std::string data = write_idx_dataset(dir, 24);
  const std::string store = " --store '" + url_ + "'";
  auto r = run_cli("farm submit " + models[0] + " --set calibration=random:8" + store);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("waiting for {dataset}"), std::string::npos) << r.output;
  // The benches take long and are covered elsewhere: leave them out here.
  for (const char* bench : {"bench-onnxruntime", "bench-opencv", "bench-int8-onnxruntime"})
    ASSERT_EQ(run_cli("farm cancel model1 --stage " + std::string(bench) + store).exit_code, 0);
  const std::string worker = "farm worker --idle-exit 1 --poll 0.2 --work-dir " + dir + store;
  r = run_cli(worker);
  ASSERT_EQ(r.exit_code, 0) << r.output;

  auto s = store::open_store(url_);
  std::map<std::string, store::Task> tasks;
  for (const auto& t : s->tasks("")) tasks[t.stage] = t;
  EXPECT_EQ(tasks.at("inspect").state, "done");
  EXPECT_EQ(tasks.at("quantize").state, "done");
  for (const char* stage : {"accuracy-onnxruntime", "accuracy-int8-onnxruntime", "accuracy-opencv"})
    EXPECT_EQ(tasks.at(stage).state, "waiting") << stage;
  r = run_cli("farm status" + store);
  EXPECT_NE(r.output.find("waiting"), std::string::npos) << r.output;
  // Quantized on random data because this test said so: the table marks it (issue 22).
  EXPECT_NE(r.output.find("* quantized with random calibration data"), std::string::npos)
      << r.output;
  EXPECT_EQ(tasks.at("quantize").value["random_calibration"], nlohmann::json(true));
  EXPECT_NE(r.output.find(tasks.at("quantize").value["value"].get<std::string>() + " *"),
            std::string::npos)
      << r.output;

  r = run_cli("farm set dataset=" + data + store);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("3 waiting stage(s) took it"), std::string::npos) << r.output;
  r = run_cli(worker);
  ASSERT_EQ(r.exit_code, 0) << r.output;

  for (const auto& t : s->tasks("")) tasks[t.stage] = t;
  store::RecordQuery q;
  q.kind = "eval";
  const auto records = s->records(q);
  ASSERT_EQ(records.size(), 3u) << r.output;
  double f1 = -1;
  for (const auto& rec : records) {
    EXPECT_EQ(rec.body["data"]["samples"], 24);
    if (rec.task_id == tasks.at("accuracy-onnxruntime").id) {
      EXPECT_EQ(rec.key.engine, "onnxruntime");
      f1 = rec.body["run"]["scores"]["classes"]["macro"]["f1"].get<double>();
    }
    if (rec.task_id == tasks.at("accuracy-opencv").id) {
      EXPECT_EQ(rec.key.engine, "opencv");
    }
    // The int8 model's accuracy rests on random calibration data: its record says so; the float
    // model's records do not.
    EXPECT_EQ(rec.body.value("random_calibration", false),
              rec.task_id == tasks.at("accuracy-int8-onnxruntime").id)
        << rec.body.dump();
  }
  r = run_cli("results" + store);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("int8 (random calibration data)"), std::string::npos) << r.output;
  ASSERT_GE(f1, 0.0);
  EXPECT_DOUBLE_EQ(tasks.at("accuracy-onnxruntime").value.get<double>(), f1);
  for (const char* stage : {"accuracy-onnxruntime", "accuracy-int8-onnxruntime", "accuracy-opencv"})
    EXPECT_EQ(tasks.at(stage).state, "done") << stage << ": " << tasks.at(stage).last_error;
  EXPECT_EQ(tasks.at("accuracy-int8-onnxruntime").priority, static_cast<int>(60 + 10 * f1));
  EXPECT_EQ(tasks.at("accuracy-opencv").priority, static_cast<int>(60 + 100 * f1));
}

INSTANTIATE_TEST_SUITE_P(Backends, AccuracyCliTest, kBackends);

}  // namespace
}  // namespace onnxbench::testing
