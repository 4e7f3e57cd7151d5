// A profile shared by the report's and the latency table's tests.
#pragma once

#include "bench/bench_result.h"

namespace onnxbench::testing {

// Two Conv layers (10-30 us and 40-60 us) around a Relu, the whole inference 100-140 us.
inline ProfileResult two_identical_convs() {
  ProfileResult r;
  r.total_us = summarize(std::vector<double>{100, 120, 140});
  r.layers = {{"conv_a", "Conv", summarize(std::vector<double>{10, 20, 30}), 0.4, {}},
              {"relu", "Relu", summarize(std::vector<double>{1, 1, 1}), 0.1, {}},
              {"conv_b", "Conv", summarize(std::vector<double>{40, 50, 60}), 0.5, {}}};
  return r;
}

}  // namespace onnxbench::testing
