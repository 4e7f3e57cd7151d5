// The graph passes onnxbench has, with typed parameters. Each works on the top-level graph;
// pass_registry.h makes them from text by name.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "passes/pass.h"

namespace onnxbench::model {

// set-batch: every graph input whose first dimension is symbolic (or unknown) gets `batch`; each
// symbol so replaced is replaced wherever it appears (outputs, value_info), since one symbol is one
// size. Inputs whose first dimension is already `batch` are fine; fixed other sizes are left alone.
// Refuses when no input has a symbolic or matching first dimension.
std::unique_ptr<Pass> set_batch_pass(std::int64_t batch);

// set-dims: each named symbolic dimension gets its value across inputs, outputs and value_info.
// Refuses a name that no dimension of the graph carries.
std::unique_ptr<Pass> set_dims_pass(std::map<std::string, std::int64_t> dims);

// expose: makes intermediate tensors (node outputs) graph outputs, typed by shape inference.
// {"all"} exposes every node output. Refuses a name that is no node's output.
std::unique_ptr<Pass> expose_pass(std::vector<std::string> tensors);

// div-to-mul (seed 002 finding 3): Div by a constant float tensor (initializer or Constant node)
// becomes Mul by its reciprocal. A divisor with a zero, or whose reciprocal overflows, leaves its
// node as it is, with a note. Refuses when nothing can be rewritten.
std::unique_ptr<Pass> div_to_mul_pass();

// stride-removal (seed 002 finding 6): a Conv whose strides are not uniform ([1,2]) or larger
// than 3 becomes a Conv with stride 1 and a Slice taking every s-th row/column, with the same
// output. Refuses when no Conv has such strides.
std::unique_ptr<Pass> stride_removal_pass();

// fuse-affine-into-conv (seed 002 findings 3, 4 and 7): chains of Mul, Div, Add and Sub by a
// constant that is one value per channel (scalar, [C,1,1], [1,C,1,1]) right after a Conv fold into
// its weights and bias; right before a Conv, scales fold into the weights of their input channel
// and shifts into the bias, the latter only when the Conv pads nothing (padded zeros are not
// shifted). Only where the tensor between has one reader and is no graph output; the Conv gets new
// weight initializers, so weights shared with other nodes stay as they are. Nodes left alone get a
// note. Refuses when nothing can be folded.
std::unique_ptr<Pass> fuse_affine_into_conv_pass();

// fp16 (seed 002 finding 5): float32 initializers, Constant values and value types become
// float16. Inputs that ONNX's type constraints keep float32 (Resize scales, ops without float16)
// and values computed from shapes stay float32, with Casts where the two meet; values beyond
// float16's range are clamped to +-65504 with a note. Graph inputs and outputs stay float32
// behind Casts unless `convert_io` (fp16-io). Outputs agree with the float32 model within about
// 1e-2 of their range. Refuses a model with nothing to convert or with subgraphs.
std::unique_ptr<Pass> fp16_pass(bool convert_io);

// simplify (issue 3: what OpenCV 4.6 cannot import in torch exports): removes no-op nodes
// (Identity, Dropout at inference, Cast to the same type, shape ops that keep a static shape),
// folds constant subgraphs and shape subgraphs of static shapes into initializers, turns Constant
// nodes into initializers, rewrites Clip bounds given as inputs (Relu/Max/Min, exact), counts
// Slice axes from the front, and removes dead nodes and unused initializers. Graph outputs keep
// their names. Refuses when there is nothing to simplify.
std::unique_ptr<Pass> simplify_pass();

}  // namespace onnxbench::model
