// Post-processing of one sample's outputs into its entry of the Predictions: the best 5 classes,
// YOLO decoding and NMS with boxes mapped back to image pixels through the preprocessing
// geometry, per-pixel argmax counted against the mask. Each throws InputError naming the output
// when its task cannot read it.
#pragma once

#include "eval/eval_run.h"

namespace onnxbench::eval {

// Sample k of a batched output [count, ...], as its own tensor [1, ...].
Tensor slice(const Tensor& t, std::size_t k, std::size_t count, const std::string& name);

// The post-processing reads float32 outputs only.
void require_float(const Tensor& t, const std::string& name);

// Sample i (of d.samples), its output `name` in `t` [1, ...].
void classify(Predictions& p, const Dataset& d, std::size_t i, const std::string& name,
              const Tensor& t, const EvalOptions& o);

void detect(Predictions& p, const Dataset& d, std::size_t i, const std::string& name,
            const Tensor& t, const Geometry& g, const InputPlan& in, const EvalOptions& o);

void segment(Predictions& p, const Dataset& d, std::size_t i, const std::string& name,
             const Tensor& t, const Geometry& g, const InputPlan& in, const EvalOptions& o);

}  // namespace onnxbench::eval
