// ONNX models of the parametric architectures (model/architecture.h), seeded random weights
// (He-uniform, BatchNorm folded into conv biases), the same bytes for the same seed. Input "input"
// float32: [batch,3,S,S] for the CNNs, [batch,seq_len,d_model] for the transformer; output "logits"
// [batch,num_classes].
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>

#include "graph/dims.h"
#include "zoo/architecture.h"

namespace onnxbench::model {

onnx::ModelProto generate_model(const Architecture& arch, std::uint64_t seed, const Dim& batch);

// Opset of the MobileNetV2 models: 10, the last whose Clip (ReLU6, min/max as attributes) OpenCV
// 4.6 imports; ResNet and the transformer encoder are opset 13.
constexpr std::int64_t kMobileNetV2Opset = 10;

// torchvision's MobileNetV2 for the standard stages; ReLU6 as Clip.
onnx::ModelProto generate_mobilenet_v2(const MobileNetV2Arch& arch, std::uint64_t seed,
                                       const Dim& batch);
// torchvision's ResNet (v1.5: a bottleneck block strides in its 3x3 conv).
onnx::ModelProto generate_resnet(const ResNetArch& arch, std::uint64_t seed, const Dim& batch);
// Post-norm encoder from MatMul, Add, Softmax, Transpose, Reshape (static shapes) and LayerNorm
// decomposed into ReduceMean, Sub, Mul, Add, Sqrt, Div. OpenCV 4.6 runs it at batch 1 only: with
// a larger batch it cannot broadcast x - mean ([B,S,D] - [B,S,1]) between computed tensors.
onnx::ModelProto generate_transformer(const TransformerArch& arch, std::uint64_t seed,
                                      const Dim& batch);

// torchvision's _make_divisible: `value` rounded to the nearest multiple of `divisor`, never
// below divisor and never more than 10% below value.
std::int64_t make_divisible(double value, std::int64_t divisor = 8);

}  // namespace onnxbench::model
