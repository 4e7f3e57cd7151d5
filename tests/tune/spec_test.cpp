#include "tune/spec.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "fake_evaluator.h"

namespace onnxbench::tune {
namespace {

using nlohmann::json;
using testing::test_knobs;

SearchSpec parse(const std::string& text) {
  return parse_spec(json::parse(text), "spec.json", test_knobs());
}

const Param& param(const SearchSpec& spec, const std::string& name) {
  for (const Param& p : spec.params)
    if (p.name == name) return p;
  throw std::runtime_error("no param " + name);
}

std::vector<json> ints(std::initializer_list<int> values) { return {values.begin(), values.end()}; }

TEST(ParseSpec, ReadsSeed004sFormatWithItsHyphenatedNames) {
  const SearchSpec spec = parse(R"({
    "max_func_eval": 30, "objective": "minimize_latency",
    "params": {"cores": {"min": 1, "max": 4}, "batch-size": {"min": 2, "max": 16},
               "set-size": {"values": [3, 1]}, "execution_mode": {}},
    "initial_values": [{"cores": 2, "batch-size": 4, "set-size": 1, "execution_mode": "parallel"}],
    "static_params": {"instances": 2, "enable_mem_pattern": false},
    "latency_percentile": 99.9, "latency_constraint_ms": 25, "time_budget_s": 600,
    "max_total_threads": 8})");
  EXPECT_EQ(spec.max_func_eval, 30);
  EXPECT_EQ(spec.objective, Objective::kMinimizeLatency);
  EXPECT_EQ(spec.latency_percentile, 99.9);
  EXPECT_EQ(spec.latency_constraint_ms, 25);
  EXPECT_EQ(spec.time_budget_s, 600);
  EXPECT_EQ(spec.max_total_threads, 8);
  ASSERT_EQ(spec.params.size(), 4u);
  EXPECT_EQ(param(spec, "threads").values, ints({1, 2, 3, 4}));
  EXPECT_FALSE(param(spec, "threads").power_of_two);
  EXPECT_EQ(param(spec, "batch").values, ints({2, 4, 8, 16}));
  EXPECT_TRUE(param(spec, "batch").power_of_two);
  EXPECT_EQ(param(spec, "set_size").values, ints({1, 3}));  // ints are searched in order
  EXPECT_EQ(param(spec, "execution_mode").values, (std::vector<json>{"sequential", "parallel"}));
  const Config start = {
      {"threads", 2}, {"batch", 4}, {"set_size", 1}, {"execution_mode", "parallel"}};
  EXPECT_EQ(spec.initial_values, std::vector<Config>{start});
  EXPECT_EQ(spec.static_params, (Config{{"instances", 2}, {"enable_mem_pattern", false}}));
}

TEST(ParseSpec, AcceptsTheOtherBatchAliases) {
  for (const char* name : {"batch_size", "bs"}) {
    const json j = {{"params", {{name, {{"min", 1}, {"max", 4}}}}}};
    const SearchSpec spec = parse_spec(j, "spec.json", test_knobs());
    EXPECT_EQ(spec.params.at(0).name, "batch");
  }
}

TEST(ParseSpec, OptionalFieldsDefaultAndTheStartIsAtTheKnobDefaults) {
  const SearchSpec spec = parse(R"({"params": {"threads": {"min": 2, "max": 3},
    "instances": {"values": [2, 3]}, "set_size": {"min": 1, "max": 2}, "execution_mode": {}}})");
  EXPECT_EQ(spec.max_func_eval, 40);
  EXPECT_EQ(spec.objective, Objective::kMaximizeInfRate);
  EXPECT_EQ(spec.latency_percentile, 50);
  EXPECT_FALSE(spec.latency_constraint_ms);
  EXPECT_EQ(spec.time_budget_s, 0);
  EXPECT_FALSE(spec.max_total_threads);
  // threads has no default and instances' default 1 is out of range: their first values.
  const Config start = {
      {"threads", 2}, {"instances", 2}, {"set_size", 1}, {"execution_mode", "sequential"}};
  EXPECT_EQ(spec.initial_values, std::vector<Config>{start});
}

struct BadSpec {
  const char* spec;
  const char* message;  // the whole message, or its start
};

TEST(ParseSpec, RejectsBadSpecsNamingTheFieldAndWhatWasExpected) {
  const BadSpec cases[] = {
      {R"({"params": {"warp": {"min": 1, "max": 2}}})",
       "spec.json: params.warp: unknown knob, expected one of threads, instances, batch, set_size, "
       "execution_mode, enable_mem_pattern"},
      {R"({"params": {"threads": {"min": 4, "max": 2}}})",
       "spec.json: params.threads: min 4 > max 2, expected min <= max"},
      {R"({"params": {"threads": {"min": 1, "max": 9}}})",
       "spec.json: params.threads.max: 9 is outside the knob's range [1, 8]"},
      {R"({"params": {"threads": {"values": [0, 1]}}})",
       "spec.json: params.threads.values[0]: 0 is outside the knob's range [1, 8]"},
      {R"({"params": {"execution_mode": {"values": ["fast"]}}})",
       "spec.json: params.execution_mode.values[0]: expected one of \"sequential\", "
       "\"parallel\", got \"fast\""},
      {R"({"params": {"threads": {"min": 1, "max": 2}}, "static_params": {"instances": 5}})",
       "spec.json: static_params.instances: 5 is outside the knob's range [1, 4]"},
      {R"({"params": {"batch": {"min": 1, "max": 12}}})",
       "spec.json: params.batch.max: 12 is not a power of two"},
      {R"({"params": {"batch": {"min": 3, "max": 8}}})",
       "spec.json: params.batch.min: 3 is not a power of two"},
      {R"({"params": {"threads": {"min": 1, "max": 4}}, "initial_values": [{"threads": 6}]})",
       "spec.json: initial_values[0].threads: 6 is outside the search range, expected one of 1, "
       "2, 3, 4"},
      {R"({"params": {"threads": {"min": 1, "max": 4}, "instances": {"min": 1, "max": 2}},
           "initial_values": [{"instances": 1, "threads": 1}, {"threads": 1}]})",
       "spec.json: initial_values[1]: missing instances, expected every searched knob"},
      {R"({"params": {"threads": {"min": 1, "max": 4}},
           "initial_values": [{"threads": 1, "batch": 1}]})",
       "spec.json: initial_values[0].batch: not a searched knob"},
      {R"({"params": {"threads": {"min": 1, "max": 4}}, "static_params": {"cores": 2}})",
       "spec.json: static_params.cores: threads is searched in params too"},
      {R"({"params": {"batch": {"min": 1, "max": 4}, "bs": {"min": 1, "max": 2}}})",
       "spec.json: params.bs: given twice (as batch)"},
      {R"({"objective": "fastest", "params": {"threads": {"min": 1, "max": 2}}})",
       "spec.json: objective: expected one of maximize_inf_rate, minimize_latency, got "
       "\"fastest\""},
      {R"({"max_func_eval": 0, "params": {"threads": {"min": 1, "max": 2}}})",
       "spec.json: max_func_eval: expected an integer in [1, 2147483647], got 0"},
      {R"({"max_func_eval": "ten", "params": {"threads": {"min": 1, "max": 2}}})",
       "spec.json: max_func_eval: expected an integer in [1, 2147483647], got \"ten\""},
      {R"({"params": {"threads": {"min": "1", "max": 2}}})",
       "spec.json: params.threads.min: expected an integer, got \"1\""},
      {R"({"params": {"threads": 3}})",
       "spec.json: params.threads: expected an object with min and max, or values"},
      {R"({"params": {"threads": {}}})",
       "spec.json: params.threads: expected min and max, or values"},
      {R"({"params": {"threads": {"min": 1}}})",
       "spec.json: params.threads: expected both min and max"},
      {R"({"params": {"threads": {"min": 1, "max": 2, "step": 1}}})",
       "spec.json: params.threads.step: unknown field (known: min, max, values)"},
      {R"({"params": {"execution_mode": {"min": 1, "max": 2}}})",
       "spec.json: params.execution_mode: expected values, not min and max, for a knob of type "
       "enum"},
      {R"({"params": {"threads": {"values": [1, 1]}}})",
       "spec.json: params.threads.values[1]: 1 given twice"},
      {R"({"params": {"threads": {"values": []}}})",
       "spec.json: params.threads.values: expected a non-empty array"},
      {R"({"params": []})", "spec.json: params: expected an object naming at least one knob"},
      {R"({"params": {}})", "spec.json: params: expected an object naming at least one knob"},
      {R"({})", "spec.json: params: missing"},
      {R"([])", "spec.json: expected a JSON object, got []"},
      {R"({"params": {"threads": {"min": 1, "max": 2}}, "initial_values": {}})",
       "spec.json: initial_values: expected an array of points"},
      {R"({"params": {"threads": {"min": 1, "max": 2}}, "initial_values": [3]})",
       "spec.json: initial_values[0]: expected an object"},
      {R"({"params": {"threads": {"min": 1, "max": 2}}, "static_params": []})",
       "spec.json: static_params: expected a JSON object, got []"},
      {R"({"params": {"threads": {"min": 1, "max": 2}}, "latency_constraint_ms": "25"})",
       "spec.json: latency_constraint_ms: expected a number > 0, got \"25\""},
      {R"({"params": {"threads": {"min": 1, "max": 2}}, "time_budget_s": -1})",
       "spec.json: time_budget_s: expected a number > 0, got -1"},
      {R"({"params": {"threads": {"min": 1, "max": 2}}, "max_total_threads": 0})",
       "spec.json: max_total_threads: expected an integer in [1, 2147483647], got 0"},
      {R"({"params": {"threads": {"min": 1, "max": 2}}, "latency_percentile": 42})",
       "spec.json: latency_percentile: expected one of 50, 75, 90, 95, 99, 99.9, got 42"},
      {R"({"Objective": "maximize_inf_rate", "params": {"threads": {"min": 1, "max": 2}}})",
       "spec.json: Objective: unknown field (known: max_func_eval, objective"},
  };
  for (const BadSpec& c : cases) {
    try {
      parse(c.spec);
      ADD_FAILURE() << "accepted " << c.spec;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(c.message, 0), 0u)
          << "got      " << e.what() << "\nexpected " << c.message;
    }
  }
}

TEST(DefaultSpec, SearchesEveryBoundedKnobWithCappedRanges) {
  std::vector<KnobInfo> knobs = test_knobs();
  knobs.push_back({"inter_op_threads", "int", 0, 64, {}, false, 0});  // too wide: left out
  knobs.push_back({"arena_mb", "int", 1, {}, {}, false, 64});         // unbounded: left out
  knobs.push_back({"opt_level", "int", 0, 3, {}, false, 2});
  const SearchSpec spec = default_spec(knobs, 25);
  EXPECT_EQ(spec.max_func_eval, 25);
  EXPECT_EQ(spec.objective, Objective::kMaximizeInfRate);
  std::vector<std::string> names;
  for (const Param& p : spec.params) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"threads", "instances", "batch", "set_size",
                                             "execution_mode", "enable_mem_pattern", "opt_level"}));
  EXPECT_EQ(param(spec, "threads").values, ints({1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(param(spec, "instances").values, ints({1, 2, 3, 4}));
  EXPECT_EQ(param(spec, "batch").values, ints({1, 2, 4, 8, 16}));
  EXPECT_EQ(param(spec, "set_size").values, ints({1, 2, 3, 4}));
  EXPECT_EQ(param(spec, "enable_mem_pattern").values, (std::vector<json>{false, true}));
  EXPECT_EQ(param(spec, "opt_level").values, ints({0, 1, 2, 3}));
  const Config start = {{"threads", 1},
                        {"instances", 1},
                        {"batch", 1},
                        {"set_size", 1},
                        {"execution_mode", "sequential"},
                        {"enable_mem_pattern", true},
                        {"opt_level", 2}};
  EXPECT_EQ(spec.initial_values, std::vector<Config>{start});
}

TEST(ObjectiveName, IsTheSpecsSpelling) {
  EXPECT_EQ(objective_name(Objective::kMaximizeInfRate), "maximize_inf_rate");
  EXPECT_EQ(objective_name(Objective::kMinimizeLatency), "minimize_latency");
}

}  // namespace
}  // namespace onnxbench::tune
