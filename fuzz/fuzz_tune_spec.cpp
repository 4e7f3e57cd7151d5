// The search spec of `onnxbench tune --spec` (tune/spec.h), read as the command reads it, against
// the knobs of ONNX Runtime's runner on a 2-core machine (tune/bench_evaluator's tunable_knobs).
#include "core/error.h"
#include "fuzz_input.h"
#include "tune/spec.h"

namespace {

using nlohmann::json;
using onnxbench::tune::KnobInfo;

const std::vector<KnobInfo>& knobs() {
  static const std::vector<KnobInfo> k = {
      {"threads", "int", 1, 2, {}, false, json()},
      {"instances", "int", 1, 2, {}, false, 1},
      {"batch", "int", 1, 64, {}, true, 1},
      {"set_size", "int", 1, 16, {}, false, 1},
      {"inter_op_threads", "int", 0, 2, {}, false, 0},
      {"execution_mode", "enum", {}, {}, {"sequential", "parallel"}, false, "sequential"},
      {"graph_optimization_level",
       "enum",
       {},
       {},
       {"disabled", "basic", "extended", "layout", "all"},
       false,
       "all"},
      {"enable_cpu_mem_arena", "bool", {}, {}, {false, true}, false, true},
      // The protocol lets an engine declare an int knob without bounds.
      {"unbounded", "int", {}, {}, {}, false, 0},
  };
  return k;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json spec = json::parse(onnxbench::fuzz::text_of(data, size), nullptr, false);
  if (spec.is_discarded()) return 0;  // the command says "not valid JSON"
  try {
    const onnxbench::tune::SearchSpec s = onnxbench::tune::parse_spec(spec, "fuzz.json", knobs());
    for (const auto& p : s.params)
      if (p.values.empty()) onnxbench::fuzz::finding("a searched knob without values: " + p.name);
    for (const auto& start : s.initial_values)
      for (const auto& p : s.params)
        if (!start.count(p.name)) onnxbench::fuzz::finding("an initial point without " + p.name);
  } catch (const onnxbench::InputError&) {
  }
  return 0;
}
