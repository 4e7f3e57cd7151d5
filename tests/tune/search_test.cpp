#include "tune/search.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "fake_evaluator.h"

namespace onnxbench::tune {
namespace {

using nlohmann::json;
using testing::FakeEvaluator;
using testing::test_knobs;

// threads 1..8, instances 1..4, batch 1..16, set_size 1..4, both modes: 1280 points.
json full_space(const json& extra = json::object()) {
  json spec = json::parse(R"({
    "max_func_eval": 200,
    "params": {"threads": {"min": 1, "max": 8}, "instances": {"min": 1, "max": 4},
               "batch": {"min": 1, "max": 16}, "set_size": {"min": 1, "max": 4},
               "execution_mode": {}}})");
  spec.update(extra);
  return spec;
}

json start(int threads, int instances) {
  return {{"threads", threads},
          {"instances", instances},
          {"batch", 1},
          {"set_size", 1},
          {"execution_mode", "sequential"}};
}

SearchSpec spec_of(const json& j) { return parse_spec(j, "spec.json", test_knobs()); }

SearchOptions options_for(FakeEvaluator& fake, int remeasure_top = 3, bool exhaustive = false) {
  SearchOptions o;
  o.clock = fake.clock();
  o.remeasure_top = remeasure_top;
  o.exhaustive = exhaustive;
  return o;
}

const Config kGlobalOptimum = {{"threads", 6},
                               {"instances", 3},
                               {"batch", 8},
                               {"set_size", 3},
                               {"execution_mode", "parallel"}};

// Measured trials of a phase (skipped ones left out).
int count_phase(const SearchResult& r, const std::string& phase) {
  return static_cast<int>(std::count_if(r.trials.begin(), r.trials.end(), [&](const Trial& t) {
    return t.phase == phase && t.outcome.status != TrialOutcome::Status::kSkipped;
  }));
}

TEST(Search, FindsTheKnownOptimumFromAReasonableStart) {
  // 100 trials are under 8% of the 1280-point grid. After the climb the search restarts elsewhere
  // until the budget is spent.
  const SearchSpec spec =
      spec_of(full_space({{"max_func_eval", 100}, {"initial_values", {start(4, 2)}}}));
  FakeEvaluator fake;
  const SearchResult r = run_search(spec, fake, options_for(fake));
  EXPECT_EQ(r.stop_reason, "max_func_eval");
  ASSERT_FALSE(r.ranking.empty());
  EXPECT_EQ(r.ranking.front().config, kGlobalOptimum);
  EXPECT_EQ(count_phase(r, "search"), spec.max_func_eval);
  EXPECT_EQ(count_phase(r, "remeasure"), 3 * 2);
}

TEST(Search, AStartAtTheLocalOptimumIsEscapedByRestartsOrASecondStart) {
  // The climb from (1,1) ends at the local optimum; the farthest-point restarts reach the global
  // one with the budget left.
  FakeEvaluator stuck;
  const SearchResult one =
      run_search(spec_of(full_space({{"max_func_eval", 100}, {"initial_values", {start(1, 1)}}})),
                 stuck, options_for(stuck));
  EXPECT_EQ(one.trials.front().config.at("threads"), 1);
  EXPECT_EQ(one.ranking.front().config, kGlobalOptimum);

  FakeEvaluator multi;
  const SearchResult two =
      run_search(spec_of(full_space({{"initial_values", {start(1, 1), start(4, 2)}}})), multi,
                 options_for(multi));
  EXPECT_EQ(two.ranking.front().config, kGlobalOptimum);
}

TEST(Search, WithoutABudgetLeftTheClimbStopsAtTheLocalOptimum) {
  // Counting the climb's own trials: a budget that ends with it leaves the local optimum.
  FakeEvaluator probe;
  const auto spec = [](int budget) {
    return spec_of(full_space({{"max_func_eval", budget}, {"initial_values", {start(1, 1)}}}));
  };
  const SearchResult first = run_search(spec(1000), probe, options_for(probe, 0));
  int climb = 0;  // trials until the first restart: the local optimum and its neighbours
  while (climb < static_cast<int>(first.trials.size()) &&
         first.trials[climb].config.at("threads").get<int>() <= 2)
    ++climb;
  FakeEvaluator stuck;
  const SearchResult r = run_search(spec(climb), stuck, options_for(stuck, 0));
  EXPECT_EQ(r.ranking.front().config.at("threads"), 1);
  EXPECT_EQ(r.ranking.front().config.at("instances"), 1);
}

TEST(Search, NeverMeasuresAConfigTwiceInTheSearchPhase) {
  const SearchSpec spec = spec_of(full_space({{"initial_values", {start(1, 1), start(4, 2)}}}));
  FakeEvaluator fake;
  const SearchResult r = run_search(spec, fake, options_for(fake, 0));
  for (const auto& [config, calls] : fake.calls_of) EXPECT_EQ(calls, 1) << json(config).dump();
  EXPECT_EQ(fake.calls, count_phase(r, "search"));
  EXPECT_EQ(static_cast<int>(r.trials.size()), fake.calls);
}

TEST(Search, WithoutInitialValuesStartsAtTheKnobDefaults) {
  const SearchSpec spec = spec_of(full_space());
  FakeEvaluator fake;
  const SearchResult r = run_search(spec, fake, options_for(fake, 0));
  // threads has no default (the engine's own): its first value.
  EXPECT_EQ(r.trials.front().config, spec.initial_values.front());
  EXPECT_EQ(r.trials.front().config, start(1, 1).get<Config>());
}

TEST(Search, StopsAtMaxFuncEvalAndStillRemeasures) {
  const SearchSpec spec =
      spec_of(full_space({{"max_func_eval", 7}, {"initial_values", {start(4, 2)}}}));
  FakeEvaluator fake;
  const SearchResult r = run_search(spec, fake, options_for(fake));
  EXPECT_EQ(r.stop_reason, "max_func_eval");
  EXPECT_EQ(count_phase(r, "search"), 7);
  EXPECT_EQ(fake.calls, 7 + 3 * 2);
}

TEST(Search, StopsBeforeATrialOnceTheTimeBudgetIsSpent) {
  const SearchSpec spec =
      spec_of(full_space({{"time_budget_s", 55}, {"initial_values", {start(4, 2)}}}));
  for (const bool exhaustive : {false, true}) {
    FakeEvaluator fake;
    fake.seconds_per_trial = 10;
    const SearchResult r = run_search(spec, fake, options_for(fake, 3, exhaustive));
    EXPECT_EQ(r.stop_reason, "time_budget");
    EXPECT_EQ(fake.calls, 6);  // started at 0, 10, ..., 50 s
    EXPECT_EQ(count_phase(r, "remeasure"), 0);
    EXPECT_DOUBLE_EQ(r.trials.back().elapsed_s, 60);
  }
}

TEST(Search, TheTimeBudgetCutsTheRemeasurementToo) {
  json j = full_space({{"initial_values", {start(4, 2)}}});
  FakeEvaluator unlimited;
  const int searched =
      count_phase(run_search(spec_of(j), unlimited, options_for(unlimited)), "search");
  j["time_budget_s"] = 10 * searched + 25;
  FakeEvaluator fake;
  fake.seconds_per_trial = 10;
  const SearchResult r = run_search(spec_of(j), fake, options_for(fake));
  EXPECT_EQ(count_phase(r, "search"), searched);
  EXPECT_EQ(count_phase(r, "remeasure"), 3);
  EXPECT_EQ(r.stop_reason, "time_budget");
}

TEST(Search, TheBestFeasibleConfigWinsOverAFasterInfeasibleOne) {
  const json j = full_space({{"latency_percentile", 99},
                             {"latency_constraint_ms", 20},
                             {"initial_values", {start(4, 2)}}});
  FakeEvaluator grid_fake;
  const SearchResult grid = run_search(spec_of(j), grid_fake, options_for(grid_fake, 0, true));
  FakeEvaluator fake;
  const SearchResult r = run_search(spec_of(j), fake, options_for(fake));
  const Candidate& best = r.ranking.front();
  EXPECT_TRUE(best.feasible);
  EXPECT_LE(best.latency_percentile_ms, 20);
  EXPECT_DOUBLE_EQ(best.latency_percentile_ms, best.measurements[0]->outcome.latency_ms.p99);
  EXPECT_EQ(best.config, grid.ranking.front().config);
  const bool faster_infeasible_seen =
      std::any_of(r.trials.begin(), r.trials.end(), [&](const Trial& t) {
        return t.outcome.throughput > best.throughput && t.outcome.latency_ms.p99 > 20;
      });
  EXPECT_TRUE(faster_infeasible_seen);
  EXPECT_FALSE(r.ranking.back().feasible);  // infeasible configs rank last
}

TEST(Search, MinimizeLatencyPicksTheLowestLatency) {
  const json j = full_space({{"objective", "minimize_latency"},
                             {"latency_percentile", 99},
                             {"initial_values", {start(4, 1)}}});
  FakeEvaluator grid_fake;
  const SearchResult grid = run_search(spec_of(j), grid_fake, options_for(grid_fake, 0, true));
  double lowest = 1e300;
  for (const Trial& t : grid.trials) lowest = std::min(lowest, t.outcome.latency_ms.p99);
  FakeEvaluator fake;
  const SearchResult r = run_search(spec_of(j), fake, options_for(fake));
  EXPECT_EQ(r.ranking.front().config, grid.ranking.front().config);
  EXPECT_DOUBLE_EQ(r.ranking.front().latency_percentile_ms, lowest);
  EXPECT_DOUBLE_EQ(r.ranking.front().score, -lowest);
}

bool over_four_threads(const Config& c) {
  return c.at("threads").get<int>() * c.at("instances").get<int>() > 4;
}

TEST(Search, ConfigsOverMaxTotalThreadsAreSkippedNotMeasured) {
  for (const bool exhaustive : {false, true}) {
    const SearchSpec spec =
        spec_of(full_space({{"max_total_threads", 4}, {"initial_values", {start(2, 2)}}}));
    FakeEvaluator fake;
    const SearchResult r = run_search(spec, fake, options_for(fake, 3, exhaustive));
    for (const auto& [config, calls] : fake.calls_of) EXPECT_FALSE(over_four_threads(config));
    int skipped = 0;
    for (const Trial& t : r.trials) {
      if (t.outcome.status != TrialOutcome::Status::kSkipped) continue;
      ++skipped;
      EXPECT_TRUE(over_four_threads(t.config));
      EXPECT_NE(t.outcome.reason.find("over max_total_threads 4"), std::string::npos);
    }
    EXPECT_GT(skipped, 0);
    EXPECT_FALSE(over_four_threads(r.ranking.front().config));
    if (exhaustive) {
      EXPECT_EQ(fake.calls - count_phase(r, "remeasure"), 1280 - skipped);
    }
  }
}

TEST(Search, ExhaustiveMeasuresEveryGridPointOnceInAFixedOrder) {
  const SearchSpec spec = spec_of(full_space({{"max_func_eval", 5}}));
  EXPECT_EQ(grid_size(spec), 1280);
  FakeEvaluator fake;
  const SearchResult r = run_search(spec, fake, options_for(fake, 0, true));
  EXPECT_EQ(r.stop_reason, "grid done");
  EXPECT_EQ(fake.calls, 1280);
  EXPECT_EQ(fake.calls_of.size(), 1280u);
  EXPECT_EQ(count_phase(r, "grid"), 1280);
  EXPECT_EQ(r.ranking.front().config, kGlobalOptimum);
  // The last param (alphabetical: threads) changes fastest.
  EXPECT_EQ(r.trials[0].config.at("threads"), 1);
  EXPECT_EQ(r.trials[1].config.at("threads"), 2);
  EXPECT_EQ(r.trials[0].config.at("batch"), r.trials[1].config.at("batch"));
}

json two_thread_counts() {
  return json::parse(R"({"params": {"threads": {"values": [4, 6]}},
    "static_params": {"instances": 3, "batch": 4, "set_size": 3, "execution_mode": "parallel"}})");
}

TEST(Search, RemeasurementRanksByTheMeanAndReportsTheSpread) {
  const SearchSpec spec = spec_of(two_thread_counts());
  Config lucky = spec.static_params;
  lucky["threads"] = 4;
  FakeEvaluator fake;
  fake.lucky = lucky;  // twice as fast the first time, 2/3 of threads=6 after
  SearchOptions options = options_for(fake, 2, true);
  const SearchResult r = run_search(spec, fake, options);
  ASSERT_EQ(r.ranking.size(), 2u);
  EXPECT_GT(r.trials[0].outcome.throughput, r.trials[1].outcome.throughput);  // lucky led
  EXPECT_EQ(r.ranking[0].config.at("threads"), 6);
  EXPECT_EQ(r.ranking[0].measurements.size(), 3u);
  EXPECT_DOUBLE_EQ(r.ranking[0].spread, 0);
  const Candidate& second = r.ranking[1];
  EXPECT_EQ(second.config, lucky);
  ASSERT_EQ(second.measurements.size(), 3u);
  const double v = second.measurements[1]->outcome.throughput;
  EXPECT_DOUBLE_EQ(second.score, 4 * v / 3);
  EXPECT_DOUBLE_EQ(second.spread, (2 * v - v) / (4 * v / 3));
  EXPECT_EQ(count_phase(r, "remeasure"), 4);
}

TEST(Search, ALeaderOnOneLuckyRunCannotWinUnproven) {
  // Only the top config is re-measured. The lucky one leads on its first run, falls back when
  // measured again, and the config that then leads must be measured again too before it wins.
  const SearchSpec spec = spec_of(two_thread_counts());
  Config lucky = spec.static_params;
  lucky["threads"] = 4;
  FakeEvaluator fake;
  fake.lucky = lucky;
  const SearchResult r = run_search(spec, fake, options_for(fake, 1, true));
  ASSERT_FALSE(r.ranking.empty());
  EXPECT_EQ(r.ranking[0].config.at("threads"), 6);
  EXPECT_EQ(r.ranking[0].measurements.size(), 3u);  // proven, not a single run
}

TEST(Search, FailedConfigsAreRecordedAndNeverChosen) {
  const SearchSpec spec = spec_of(full_space({{"initial_values", {start(4, 2)}}}));
  FakeEvaluator fake;
  fake.fails = [](const Config& c) { return c.at("threads") == 6 && c.at("instances") == 3; };
  const SearchResult r = run_search(spec, fake, options_for(fake));
  const auto failed = std::count_if(r.trials.begin(), r.trials.end(), [](const Trial& t) {
    return t.outcome.status == TrialOutcome::Status::kFailed && !t.outcome.reason.empty();
  });
  EXPECT_GT(failed, 0);
  for (const Candidate& c : r.ranking) EXPECT_FALSE(fake.fails(c.config));
}

TEST(Search, AConfigThatFailsWhenRemeasuredIsNotChosen) {
  const SearchSpec spec = spec_of(two_thread_counts());
  Config leader = spec.static_params;
  leader["threads"] = 6;
  FakeEvaluator fake;
  fake.fails = [&](const Config& c) { return c == leader && fake.calls_of[c] > 1; };
  const SearchResult r = run_search(spec, fake, options_for(fake, 2, true));
  ASSERT_EQ(r.ranking.size(), 1u);
  EXPECT_EQ(r.ranking[0].config.at("threads"), 4);
}

struct Interrupted {};

TEST(Search, AResumedSearchFinishesAsAnUninterruptedOneWould) {
  const SearchSpec spec = spec_of(full_space({{"initial_values", {start(1, 1), start(4, 2)}}}));
  FakeEvaluator whole;
  const SearchResult full = run_search(spec, whole, options_for(whole));
  const auto total = static_cast<int>(full.trials.size());
  for (const int cut : {1, total / 2, total - 2}) {  // the last one inside the remeasurement
    FakeEvaluator first;
    std::vector<Trial> log;
    const TrialHandler interrupt = [&](const Trial& t, const SearchResult&) {
      log.push_back(t);
      if (static_cast<int>(log.size()) == cut) throw Interrupted{};
    };
    EXPECT_THROW(run_search(spec, first, options_for(first), {}, interrupt), Interrupted);
    FakeEvaluator second;
    const SearchResult resumed = run_search(spec, second, options_for(second), log);
    EXPECT_EQ(first.calls + second.calls, whole.calls) << "cut at " << cut;
    ASSERT_EQ(resumed.trials.size(), full.trials.size());
    for (std::size_t i = 0; i < full.trials.size(); ++i) {
      EXPECT_EQ(resumed.trials[i].config, full.trials[i].config);
      EXPECT_EQ(resumed.trials[i].index, full.trials[i].index);
    }
    EXPECT_EQ(resumed.ranking.front().config, full.ranking.front().config);
    EXPECT_EQ(resumed.stop_reason, full.stop_reason);
  }
}

TEST(Search, ResumedTrialsCountTowardMaxFuncEval) {
  const SearchSpec spec =
      spec_of(full_space({{"max_func_eval", 8}, {"initial_values", {start(4, 2)}}}));
  FakeEvaluator first;
  std::vector<Trial> log;
  const TrialHandler interrupt = [&](const Trial& t, const SearchResult&) {
    log.push_back(t);
    if (log.size() == 5) throw Interrupted{};
  };
  EXPECT_THROW(run_search(spec, first, options_for(first, 0), {}, interrupt), Interrupted);
  FakeEvaluator second;
  const SearchResult r = run_search(spec, second, options_for(second, 0), log);
  EXPECT_EQ(second.calls, 3);
  EXPECT_EQ(r.stop_reason, "max_func_eval");
}

TEST(Search, FromAnyStartFindsTheExhaustiveOptimumWithAQuarterOfTheGrid) {
  json j = json::parse(R"({
    "params": {"threads": {"min": 4, "max": 8}, "instances": {"min": 1, "max": 4},
               "batch": {"min": 1, "max": 16}},
    "static_params": {"set_size": 2, "execution_mode": "parallel"}})");
  const SearchSpec grid_spec = spec_of(j);
  ASSERT_EQ(grid_size(grid_spec), 100);
  FakeEvaluator grid_fake;
  const SearchResult grid = run_search(grid_spec, grid_fake, options_for(grid_fake, 0, true));
  int calls = 0;
  for (const Trial& start : grid.trials) {
    Config point = start.config;
    point.erase("set_size");
    point.erase("execution_mode");
    j["initial_values"] = {point};
    FakeEvaluator fake;
    const SearchResult r = run_search(spec_of(j), fake, options_for(fake, 0));
    EXPECT_EQ(r.ranking.front().config, grid.ranking.front().config) << json(point).dump();
    // Trials until the optimum was first measured (the rest of the budget goes to restarts).
    const auto found = std::find_if(r.trials.begin(), r.trials.end(), [&](const Trial& t) {
      return t.config == grid.ranking.front().config;
    });
    calls += static_cast<int>(found - r.trials.begin()) + 1;
  }
  EXPECT_LE(calls, 25 * 100);  // on average within a quarter of the grid's 100 points
}

TEST(Objective, IsThroughputOrMinusTheNamedLatencyPercentile) {
  SearchSpec spec;
  TrialOutcome o;
  o.throughput = 120;
  o.latency_ms = testing::latency_for({}, 1000);  // 1 ms in flight
  EXPECT_EQ(objective_value(spec, o), 120);
  spec.objective = Objective::kMinimizeLatency;
  spec.latency_percentile = 99.9;
  EXPECT_DOUBLE_EQ(objective_value(spec, o), -1.4);
  EXPECT_DOUBLE_EQ(latency_at(o.latency_ms, 95), 1.15);
  EXPECT_THROW(latency_at(o.latency_ms, 42), Error);
}

}  // namespace
}  // namespace onnxbench::tune

namespace onnxbench::tune {
namespace {

// Two cores: 2 threads x 1 instance is good, 1 x 2 better, and both configs a single-knob step
// away (1 x 1, 2 x 2) are worse than either; batch 1 is best.
class CoresLandscape : public Evaluator {
 public:
  TrialOutcome evaluate(const Config& c) override {
    ++calls;
    const auto t = c.at("threads").get<int>(), i = c.at("instances").get<int>();
    TrialOutcome o;
    const double batch_factor = c.at("batch") == 1 ? 1.0 : 0.9;
    o.throughput =
        batch_factor * (t * i > 2 ? 50.0 : (t == 1 && i == 2 ? 440.0 : (t == 2 ? 400.0 : 220.0)));
    o.latency_ms = summarize(std::vector<double>{1.0});
    return o;
  }
  int calls = 0;
};

TEST(Search, TradesThreadsForInstancesInOneMove) {
  // Five trials: the start and its four neighbours. Without the paired move they would be the
  // start, its three single-knob neighbours and one far restart, none of them 1 x 2 at batch 1.
  const SearchSpec spec = spec_of(json::parse(R"({"max_func_eval": 5,
    "params": {"threads": {"min": 1, "max": 2}, "instances": {"min": 1, "max": 2},
               "batch": {"min": 1, "max": 8}},
    "initial_values": [{"threads": 2, "instances": 1, "batch": 1}],
    "static_params": {"set_size": 1}})"));
  CoresLandscape cores;
  SearchOptions options;
  options.remeasure_top = 0;
  options.clock = [] { return 0.0; };
  const SearchResult r = run_search(spec, cores, options);
  EXPECT_EQ(r.ranking.front().config.at("threads"), 1);
  EXPECT_EQ(r.ranking.front().config.at("instances"), 2);
  EXPECT_EQ(r.ranking.front().config.at("batch"), 1);
  EXPECT_LE(cores.calls, 5);
}

}  // namespace
}  // namespace onnxbench::tune
