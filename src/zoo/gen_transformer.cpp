#include <cmath>

#include "zoo/gen_layers.h"
#include "zoo/generators.h"

namespace onnxbench::model {
namespace {

class EncoderBuilder {
 public:
  EncoderBuilder(LayerBuilder& layers, const TransformerArch& arch, const Dim& batch)
      : l_(layers), b_(layers.model()), a_(arch) {
    // Reshape targets are static; a symbolic batch is kept with 0 ("copy this dimension").
    batch_ = batch.known() ? batch.value : 0;
  }

  std::string layer(const std::string& name, const std::string& x) {
    const std::string attention = self_attention(name + ".attn", x);
    const std::string h =
        layer_norm(name + ".norm1", l_.add(name + ".attn.residual", x, attention));
    const std::string hidden =
        l_.relu(name + ".ffn.relu", linear(name + ".ffn1", h, a_.d_model, a_.ffn));
    const std::string ffn = linear(name + ".ffn2", hidden, a_.ffn, a_.d_model);
    return layer_norm(name + ".norm2", l_.add(name + ".ffn.residual", h, ffn));
  }

  // x [B,S,din] -> x W + b [B,S,dout]; gain scales the random W and b.
  std::string linear(const std::string& name, const std::string& x, std::int64_t din,
                     std::int64_t dout, float gain = 1.0f) {
    const std::string w = l_.weight(name + ".weight", {din, dout}, din, gain);
    b_.node("MatMul", {x, w}, {name + ".matmul"}, {}, name + ".matmul");
    return l_.add(name, name + ".matmul", l_.bias(name + ".bias", dout, gain));
  }

 private:
  std::string shape_constant(const std::string& name, const std::vector<std::int64_t>& dims) {
    Tensor t(DType::kInt64, {static_cast<std::int64_t>(dims.size())});
    for (std::size_t i = 0; i < dims.size(); ++i) t.as<std::int64_t>()[i] = dims[i];
    b_.initializer(name, t);
    return name;
  }

  // [B,S,D] -> [B,H,S,Dh] (or [B,H,Dh,S] with keys_transposed, ready for Q x K^T).
  std::string split_heads(const std::string& name, const std::string& x, bool keys_transposed) {
    const std::int64_t head_dim = a_.d_model / a_.heads;
    b_.node("Reshape",
            {x, shape_constant(name + ".shape", {batch_, a_.seq_len, a_.heads, head_dim})},
            {name + ".split"}, {}, name + ".split");
    const std::vector<std::int64_t> perm = keys_transposed ? std::vector<std::int64_t>{0, 2, 3, 1}
                                                           : std::vector<std::int64_t>{0, 2, 1, 3};
    b_.node("Transpose", {name + ".split"}, {name + ".heads"}, {attr_ints("perm", perm)},
            name + ".heads");
    return name + ".heads";
  }

  std::string self_attention(const std::string& name, const std::string& x) {
    const std::int64_t d = a_.d_model;
    // The 1/sqrt(head_dim) of the scores is folded into the query projection: OpenCV 4.6
    // computes a Mul of a 4-D tensor by a scalar constant wrongly.
    const float scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(d / a_.heads)));
    const std::string q = split_heads(name + ".q", linear(name + ".q", x, d, d, scale), false);
    const std::string k = split_heads(name + ".k", linear(name + ".k", x, d, d), true);
    const std::string v = split_heads(name + ".v", linear(name + ".v", x, d, d), false);
    b_.node("MatMul", {q, k}, {name + ".scores"}, {}, name + ".scores");
    b_.node("Softmax", {name + ".scores"}, {name + ".probs"}, {attr_int("axis", -1)},
            name + ".probs");
    b_.node("MatMul", {name + ".probs", v}, {name + ".context"}, {}, name + ".context");
    b_.node("Transpose", {name + ".context"}, {name + ".merge"}, {attr_ints("perm", {0, 2, 1, 3})},
            name + ".merge");
    b_.node("Reshape", {name + ".merge", shape_constant(name + ".shape", {batch_, a_.seq_len, d})},
            {name + ".merged"}, {}, name + ".merged");
    return linear(name + ".out", name + ".merged", d, d);
  }

  // LayerNorm over the last axis, decomposed: (x - mean) / sqrt(var + eps) * gamma + beta.
  // gamma is stored as [seq_len, d_model] (the same row repeated): OpenCV 4.6 imports a Mul by a
  // constant as a Scale layer over the dimensions after the batch, and fails at inference when
  // the constant covers only the last one.
  std::string layer_norm(const std::string& name, const std::string& x) {
    const auto last_axis =
        std::vector<onnx::AttributeProto>{attr_ints("axes", {-1}), attr_int("keepdims", 1)};
    b_.node("ReduceMean", {x}, {name + ".mean"}, last_axis, name + ".mean");
    b_.node("Sub", {x, name + ".mean"}, {name + ".centered"}, {}, name + ".centered");
    b_.node("Mul", {name + ".centered", name + ".centered"}, {name + ".squared"}, {},
            name + ".squared");
    b_.node("ReduceMean", {name + ".squared"}, {name + ".var"}, last_axis, name + ".var");
    b_.node("Add", {name + ".var", l_.constant("layer_norm.eps", {}, 1e-5f)}, {name + ".var_eps"},
            {}, name + ".var_eps");
    b_.node("Sqrt", {name + ".var_eps"}, {name + ".std"}, {}, name + ".std");
    b_.node("Div", {name + ".centered", name + ".std"}, {name + ".normed"}, {}, name + ".normed");
    b_.node("Mul", {name + ".normed", l_.constant(name + ".gamma", {a_.seq_len, a_.d_model}, 1.0f)},
            {name + ".scaled"}, {}, name + ".scaled");
    return l_.add(name, name + ".scaled", l_.constant(name + ".beta", {a_.d_model}, 0.0f));
  }

  LayerBuilder& l_;
  ModelBuilder& b_;
  const TransformerArch& a_;
  std::int64_t batch_ = 0;
};

}  // namespace

onnx::ModelProto generate_transformer(const TransformerArch& arch, std::uint64_t seed,
                                      const Dim& batch) {
  ModelBuilder b(13, "transformer_encoder");
  b.proto().set_doc_string(
      "onnxbench zoo generate: " + architecture_to_json(Architecture(arch)).dump() + ", seed " +
      std::to_string(seed));
  b.input("input", DType::kFloat32, {batch, arch.seq_len, arch.d_model});
  LayerBuilder l(b, seed);
  EncoderBuilder encoder(l, arch, batch);
  std::string x = "input";
  for (std::int64_t i = 0; i < arch.layers; ++i) x = encoder.layer("l" + std::to_string(i), x);
  b.node("ReduceMean", {x}, {"pool"}, {attr_ints("axes", {1}), attr_int("keepdims", 0)}, "pool");
  const std::string w = l.weight("fc.weight", {arch.num_classes, arch.d_model}, arch.d_model);
  b.node("Gemm", {"pool", w, l.bias("fc.bias", arch.num_classes)}, {"logits"},
         {attr_int("transB", 1)}, "fc");
  b.output("logits", DType::kFloat32, {batch, arch.num_classes});
  return b.build();
}

}  // namespace onnxbench::model
