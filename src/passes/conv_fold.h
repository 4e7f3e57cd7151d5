// Folding per-channel affine maps (y = scale * x + shift) into a Conv's weights and bias, for the
// fuse-affine-into-conv pass. Numbers only; the pass finds the maps and edits the graph.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onnxbench::model {

// y = scale[c] * x + shift[c] along channel axis 1 of x.
struct ChannelAffine {
  std::vector<double> scale, shift;

  bool shifts() const;
};

// What an Add, Sub, Mul or Div with exactly one constant float operand does to the other operand
// `input`, a tensor of `rank` dimensions with `channels` channels (axis 1).
struct AffineNode {
  std::string input;
  ChannelAffine map;
  std::string problem;  // why it is not a per-channel affine map of `input`; "" when it is
};

// nullopt when `node` is not such an elementwise node: another op, another domain, or not exactly
// one constant float operand.
std::optional<AffineNode> affine_node(const onnx::ModelProto& model, const onnx::NodeProto& node,
                                      std::size_t rank, std::int64_t channels);

// A Conv's weights W [M, C/group, k...] and bias B [M] as numbers.
struct ConvWeights {
  std::vector<std::int64_t> dims;
  std::vector<double> w, b;  // b is all zeros when the Conv has no bias
  std::int64_t group = 1;
  int data_type = 0;

  std::int64_t out_channels() const { return dims[0]; }
  std::int64_t in_channels() const { return dims[1] * group; }
  // conv(x) followed by `map` on its output channels.
  void fold_after(const ChannelAffine& map);
  // `map` on the input channels followed by conv(x). Exact only when the Conv pads nothing, if the
  // map shifts: the padded zeros are not shifted.
  void fold_before(const ChannelAffine& map);
};

// The Conv's weights when W (and B, if any) are constant float tensors; else why not.
std::optional<ConvWeights> conv_weights(const onnx::ModelProto& model, const onnx::NodeProto& conv,
                                        std::string& problem);

// True when the Conv pads its input (explicit pads or auto_pad SAME_*).
bool conv_pads(const onnx::NodeProto& conv);

}  // namespace onnxbench::model
