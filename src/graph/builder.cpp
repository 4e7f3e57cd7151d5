#include "graph/builder.h"

#include <climits>
#include <cmath>

#include "core/error.h"
#include "core/file_io.h"
#include "core/version.h"

namespace onnxbench::model {
namespace {

onnx::AttributeProto make_attr(const std::string& name, onnx::AttributeProto_AttributeType type) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(type);
  return a;
}

void set_value_info(onnx::ValueInfoProto* v, const std::string& name, DType type,
                    const Dims* shape) {
  v->set_name(name);
  auto* t = v->mutable_type()->mutable_tensor_type();
  t->set_elem_type(dtype_onnx_code(type));
  if (shape) dims_to_proto(*shape, t->mutable_shape());
}

}  // namespace

onnx::AttributeProto attr_int(const std::string& name, std::int64_t value) {
  auto a = make_attr(name, onnx::AttributeProto_AttributeType_INT);
  a.set_i(value);
  return a;
}

onnx::AttributeProto attr_float(const std::string& name, float value) {
  auto a = make_attr(name, onnx::AttributeProto_AttributeType_FLOAT);
  a.set_f(value);
  return a;
}

onnx::AttributeProto attr_string(const std::string& name, const std::string& value) {
  auto a = make_attr(name, onnx::AttributeProto_AttributeType_STRING);
  a.set_s(value);
  return a;
}

onnx::AttributeProto attr_ints(const std::string& name, const std::vector<std::int64_t>& values) {
  auto a = make_attr(name, onnx::AttributeProto_AttributeType_INTS);
  for (auto v : values) a.add_ints(v);
  return a;
}

onnx::AttributeProto attr_floats(const std::string& name, const std::vector<float>& values) {
  auto a = make_attr(name, onnx::AttributeProto_AttributeType_FLOATS);
  for (auto v : values) a.add_floats(v);
  return a;
}

onnx::AttributeProto attr_tensor(const std::string& name, const Tensor& value) {
  auto a = make_attr(name, onnx::AttributeProto_AttributeType_TENSOR);
  *a.mutable_t() = tensor_to_proto(value, "");
  return a;
}

onnx::TensorProto tensor_to_proto(const Tensor& tensor, const std::string& name) {
  onnx::TensorProto t;
  if (!name.empty()) t.set_name(name);
  t.set_data_type(dtype_onnx_code(tensor.dtype));
  for (auto d : tensor.shape) t.add_dims(d);
  t.set_raw_data(tensor.data.data(), tensor.data.size());
  return t;
}

std::int64_t ir_version_for_opset(std::int64_t opset) {
  if (opset <= 8) return 3;
  if (opset == 9) return 4;
  if (opset == 10) return 5;
  if (opset == 11) return 6;
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  if (opset <= 22) return 10;
  return 11;
}

ModelBuilder::ModelBuilder(std::int64_t opset_version, std::string graph_name) {
  model_.set_ir_version(ir_version_for_opset(opset_version));
  model_.set_producer_name("onnxbench");
  model_.set_producer_version(std::string(kVersion));
  auto* op = model_.add_opset_import();
  op->set_domain("");
  op->set_version(opset_version);
  model_.mutable_graph()->set_name(std::move(graph_name));
}

ModelBuilder& ModelBuilder::input(const std::string& name, DType type, const Dims& shape) {
  set_value_info(model_.mutable_graph()->add_input(), name, type, &shape);
  return *this;
}

ModelBuilder& ModelBuilder::output(const std::string& name, DType type, const Dims& shape) {
  set_value_info(model_.mutable_graph()->add_output(), name, type, &shape);
  return *this;
}

ModelBuilder& ModelBuilder::output(const std::string& name, DType type) {
  set_value_info(model_.mutable_graph()->add_output(), name, type, nullptr);
  return *this;
}

ModelBuilder& ModelBuilder::initializer(const std::string& name, const Tensor& value) {
  *model_.mutable_graph()->add_initializer() = tensor_to_proto(value, name);
  return *this;
}

ModelBuilder& ModelBuilder::random_initializer(const std::string& name, const Shape& shape,
                                               std::uint64_t seed, float scale, DType type) {
  Tensor t = random_tensor(type, shape, seed);
  if (type == DType::kFloat32 && scale != 1.0f) {
    float* p = t.as<float>();
    for (std::int64_t i = 0; i < t.element_count(); ++i) p[i] *= scale;
  }
  return initializer(name, t);
}

ModelBuilder& ModelBuilder::node(const std::string& op_type, const std::vector<std::string>& inputs,
                                 const std::vector<std::string>& outputs,
                                 const std::vector<onnx::AttributeProto>& attributes,
                                 const std::string& name, const std::string& domain) {
  auto* g = model_.mutable_graph();
  const int index = g->node_size();
  auto* n = g->add_node();
  n->set_op_type(op_type);
  n->set_name(name.empty() ? op_type + "_" + std::to_string(index) : name);
  if (!domain.empty()) n->set_domain(domain);
  for (const auto& i : inputs) n->add_input(i);
  for (const auto& o : outputs) n->add_output(o);
  for (const auto& a : attributes) *n->add_attribute() = a;
  return *this;
}

ModelBuilder& ModelBuilder::opset(const std::string& domain, std::int64_t version) {
  for (auto& op : *model_.mutable_opset_import()) {
    if (op.domain() == domain) {
      op.set_version(version);
      if (domain.empty()) model_.set_ir_version(ir_version_for_opset(version));
      return *this;
    }
  }
  auto* op = model_.add_opset_import();
  op->set_domain(domain);
  op->set_version(version);
  return *this;
}

onnx::ModelProto demo_cnn(std::uint64_t seed, bool dynamic_batch) {
  const Dim batch = dynamic_batch ? Dim("N") : Dim(1);
  ModelBuilder b(13, "demo_cnn");
  b.proto().set_doc_string(
      "onnxbench demo CNN: 3x96x96 -> 10 logits, seeded random weights (seed " +
      std::to_string(seed) + ")");
  b.input("input", DType::kFloat32, {batch, 3, 96, 96});
  std::uint64_t tensor_seed = seed * 1000;
  // He-uniform: uniform in [-a, a) with a = sqrt(6 / fan_in) keeps activations near unit scale.
  auto weights = [&](const std::string& name, const Shape& shape, std::int64_t fan_in) {
    b.random_initializer(name, shape, ++tensor_seed,
                         static_cast<float>(std::sqrt(6.0 / static_cast<double>(fan_in))));
  };
  auto bias = [&](const std::string& name, std::int64_t n) {
    b.random_initializer(name, {n}, ++tensor_seed, 0.1f);
  };
  const auto pads = attr_ints("pads", {1, 1, 1, 1});
  const auto k3 = attr_ints("kernel_shape", {3, 3});
  const auto pool = std::vector<onnx::AttributeProto>{attr_ints("kernel_shape", {2, 2}),
                                                      attr_ints("strides", {2, 2})};
  std::string x = "input";
  const std::int64_t channels[] = {3, 32, 64, 128};
  for (int i = 1; i <= 3; ++i) {
    const std::string n = std::to_string(i);
    const std::int64_t cin = channels[i - 1], cout = channels[i];
    weights("conv" + n + ".weight", {cout, cin, 3, 3}, cin * 9);
    bias("conv" + n + ".bias", cout);
    b.node("Conv", {x, "conv" + n + ".weight", "conv" + n + ".bias"}, {"conv" + n}, {k3, pads},
           "conv" + n);
    b.node("Relu", {"conv" + n}, {"relu" + n}, {}, "relu" + n);
    x = "relu" + n;
    if (i < 3) {
      b.node("MaxPool", {x}, {"pool" + n}, pool, "pool" + n);
      x = "pool" + n;
    }
  }
  b.node("GlobalAveragePool", {x}, {"gap"}, {}, "gap");
  b.node("Flatten", {"gap"}, {"flat"}, {attr_int("axis", 1)}, "flatten");
  weights("fc.weight", {10, 128}, 128);
  bias("fc.bias", 10);
  b.node("Gemm", {"flat", "fc.weight", "fc.bias"}, {"logits"}, {attr_int("transB", 1)}, "fc");
  b.output("logits", DType::kFloat32, {batch, 10});
  return b.build();
}

void save_model(const onnx::ModelProto& model, const std::string& path) {
  const std::size_t size = model.ByteSizeLong();
  if (size > static_cast<std::size_t>(INT_MAX))
    throw Error(path + ": cannot write: the model is " + std::to_string(size) +
                " bytes, protobuf cannot serialise 2 GiB or more (use external data)");
  std::string bytes;
  if (!model.SerializeToString(&bytes))
    throw Error(path + ": cannot write: protobuf serialisation failed");
  write_file(path, bytes);
}

}  // namespace onnxbench::model
