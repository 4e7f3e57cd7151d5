#include "latency/estimator.h"

#include <gtest/gtest.h>

#include <map>

#include "core/error.h"
#include "latency/fit.h"
#include "latency/latency_test_util.h"
#include "latency/space.h"
#include "zoo/generators.h"

namespace onnxbench::latency {
namespace {

std::vector<Module> modules_of(const model::Architecture& a) {
  return decompose(model::generate_model(a, 1, model::Dim(1)), "arch");
}

// A table giving each module of the space a made-up latency, different per module.
LatencyTable synthetic_table(const Space& space) {
  LatencyTable t;
  for (const auto& a : covering_architectures(space))
    for (const auto& m : modules_of(a))
      if (!t.contains(m.uid)) {
        const double us = 5.0 + static_cast<double>(std::hash<std::string>{}(m.uid) % 400) / 4.0;
        t.add({m.uid, "CPU", {{kLayersTime, {us * 0.9, us, us * 1.2}}}});
      }
  return t;
}

TEST(LatencyFit, SyntheticTableWithAKnownLineGivesBackScaleAndBias) {
  const Space space = read_latency_space(testing::mobilenet_space_path());
  const LatencyTable table = synthetic_table(space);
  // Written and read back, as `latency fit` reads it.
  const std::string path = testing::scratch_dir() + "/synthetic.csv";
  write_latency_table(path, table);
  const LatencyTable read = read_latency_table(path);
  std::vector<double> sums, measured;
  for (const auto& a : sample(space, 30, 5)) {
    sums.push_back(module_sum(read, kLayersTime, "Avg_Time", modules_of(a), "arch"));
    measured.push_back(1.35 * sums.back() + 420.0);  // the known truth
  }
  const LinearFit line = fit_line(sums, measured);
  EXPECT_NEAR(line.scale, 1.35, 1e-9);
  EXPECT_NEAR(line.bias, 420.0, 1e-6);
  const CrossValidation cv = cross_validate(sums, measured, 5);
  EXPECT_EQ(cv.folds, 5);
  EXPECT_EQ(cv.held_out.count, 30u);
  EXPECT_DOUBLE_EQ(cv.held_out.within_10, 1.0);
  EXPECT_NEAR(cv.held_out.rmse_us, 0.0, 1e-6);
  EXPECT_NEAR(cv.held_out.kendall_tau, 1.0, 1e-12);
}

TEST(LatencyFit, MediansOfRoundsSplitIntoHalvesForTheTestRetestPair) {
  const std::vector<double> rounds{10, 30, 20, 40};
  const RoundSummary r = summarize_rounds(rounds, "Avg_Time");
  EXPECT_DOUBLE_EQ(r.all, 25);
  EXPECT_DOUBLE_EQ(r.first, 20);
  EXPECT_DOUBLE_EQ(r.second, 30);
}

TEST(LatencyFit, MinTimeIsTheFastestRoundInEachHalf) {
  const std::vector<double> rounds{30, 10, 40, 20, 50};
  const RoundSummary r = summarize_rounds(rounds, "Min_Time");
  EXPECT_DOUBLE_EQ(r.all, 10);
  EXPECT_DOUBLE_EQ(r.first, 10);
  EXPECT_DOUBLE_EQ(r.second, 20);
}

TEST(LatencyFit, CrossValidationNeedsEnoughPoints) {
  const std::vector<double> x{1, 2, 3}, y{1, 2, 3};
  EXPECT_THROW(cross_validate(x, y, 5), InputError);
}

TEST(LatencyPredict, EqualsScaleTimesTheModuleSumPlusBias) {
  const Space space = read_latency_space(testing::mobilenet_space_path());
  const LatencyTable table = synthetic_table(space);
  Estimator e;
  e.scale = 1.12;
  e.bias = 310;
  for (const auto& uid : table.order())
    e.module_us[uid] = table.value_us(uid, kLayersTime, "Avg_Time");
  const auto modules = modules_of(sample(space, 1, 9).front());
  double sum = 0;
  for (const auto& m : modules) sum += table.value_us(m.uid, kLayersTime, "Avg_Time");
  const Prediction p = predict(e, modules, "arch.json");
  EXPECT_DOUBLE_EQ(p.sum_us, sum);
  EXPECT_DOUBLE_EQ(p.predicted_us, 1.12 * sum + 310);
  int counted = 0;
  for (const auto& s : p.modules) counted += s.count;
  EXPECT_EQ(counted, static_cast<int>(modules.size()));
  // The estimator file round-trips what predict needs.
  const std::string path = testing::scratch_dir() + "/est.json";
  write_estimator(path, e);
  EXPECT_DOUBLE_EQ(predict(read_estimator(path), modules, "arch.json").predicted_us,
                   p.predicted_us);
}

TEST(LatencyPredict, AModuleMissingFromTheTableIsNamed) {
  const Space space = read_latency_space(testing::mobilenet_space_path());
  const auto modules = modules_of(sample(space, 1, 9).front());
  Estimator e;
  for (const auto& m : modules) e.module_us[m.uid] = 1;
  const std::string gone = modules[3].uid;
  e.module_us.erase(gone);
  EXPECT_EQ(missing_modules(e, modules), std::vector<std::string>{gone});
  try {
    predict(e, modules, "arch.json");
    FAIL();
  } catch (const InputError& err) {
    EXPECT_NE(std::string(err.what()).find("arch.json: module " + gone + " (node '"),
              std::string::npos)
        << err.what();
  }
  LatencyTable t;
  try {
    module_sum(t, kLayersTime, "Min_Time", modules, "arch 0");
    FAIL();
  } catch (const InputError& err) {
    EXPECT_NE(std::string(err.what()).find("arch 0: module " + modules[0].uid), std::string::npos);
  }
}

TEST(LatencySetup, ATableFromAnotherEngineVersionOrKnobsIsRefusedByField) {
  const MeasureSetup a{"onnxruntime", "1.16.3", "0.1.0", "CPU", {{"intra_op_threads", 1}}};
  MeasureSetup b = a;
  EXPECT_NO_THROW(check_same_setup(a, "the estimator", b, "the table", "t.json"));
  b.engine_version = "1.17.0";
  try {
    check_same_setup(a, "the estimator", b, "the table", "t.json");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("t.json: setup.engine_version: the estimator was "
                                         "measured with onnxruntime 1.16.3, the table with "
                                         "onnxruntime 1.17.0"),
              std::string::npos)
        << e.what();
  }
  b = a;
  b.knobs["intra_op_threads"] = 2;
  EXPECT_THROW(check_same_setup(a, "x", b, "y", "t.json"), InputError);
  b = a;
  b.engine = "opencv";
  EXPECT_THROW(check_same_setup(a, "x", b, "y", "t.json"), InputError);
  EXPECT_EQ(side_file_path("out/table.csv"), "out/table.json");
}

}  // namespace
}  // namespace onnxbench::latency
