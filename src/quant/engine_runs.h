// Running models on an engine for quantization's measurements: a model loaded from memory, with
// every intermediate tensor exposed where asked, and its float outputs read back.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <string>

#include "core/tensor.h"
#include "engines/engine.h"

namespace onnxbench::quant {

// A copy of `model` with every node output made a graph output (the expose pass).
onnx::ModelProto with_every_tensor_exposed(const onnx::ModelProto& model);

// Writes `model` into the engine's work folder as `file_name` and loads it (one instance).
void load_into(Engine& engine, const onnx::ModelProto& model, const std::string& file_name);

// One inference request (several engine calls of `split` rows each, when given); the float32,
// float16 and float64 outputs by name.
std::map<std::string, Tensor> float_outputs(Engine& engine, const InputFiles& inputs,
                                            std::optional<std::int64_t> split = std::nullopt);

}  // namespace onnxbench::quant
