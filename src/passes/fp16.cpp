// fp16 (seed 002 finding 5): float32 weights and activations become float16. Each float32 value
// gets a "home" version, float16 where its readers can take it, and the other version is made by
// a Cast only where a node needs it: an input ONNX's type constraints keep float32 (Resize scales,
// ops without float16), a value computed from shapes, a graph input or output kept float32.
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "graph/builder.h"
#include "graph/editing.h"
#include "graph/shapes.h"
#include "passes/fp16_support.h"
#include "passes/passes.h"

namespace onnxbench::model {
namespace {

constexpr int kFloat = onnx::TensorProto_DataType_FLOAT;
constexpr int kHalf = onnx::TensorProto_DataType_FLOAT16;

bool has_subgraph(const onnx::NodeProto& n) {
  for (const auto& a : n.attribute())
    if (a.has_g() || a.graphs_size() > 0) return true;
  return false;
}

// Names of the values shape inference types float32: inputs, outputs, value_info, initializers.
std::unordered_set<std::string> float32_values(const onnx::GraphProto& g) {
  std::unordered_set<std::string> names;
  auto note = [&](const onnx::ValueInfoProto& v) {
    if (v.type().tensor_type().elem_type() == kFloat) names.insert(v.name());
  };
  for (const auto& v : g.input()) note(v);
  for (const auto& v : g.output()) note(v);
  for (const auto& v : g.value_info()) note(v);
  for (const auto& t : g.initializer())
    if (t.data_type() == kFloat) names.insert(t.name());
  return names;
}

// The two versions of one float32 value: its home name is the original name.
struct Versions {
  bool home_half = true;
  bool has_half = false, has_single = false;
  std::string half, single;  // names; filled when first needed
};

class Conversion {
 public:
  Conversion(onnx::ModelProto& model, bool convert_io)
      : model_(model), convert_io_(convert_io), names_(model.graph()) {
    onnx::ModelProto inferred = model;
    infer_shapes(inferred);
    const auto float32 = float32_values(inferred.graph());
    shape_derived_ = shape_derived_values(model);
    std::unordered_set<std::string> read_as_half;
    for (const auto& n : model.graph().node())
      for (int i = 0; i < n.input_size(); ++i)
        if (float32.count(n.input(i)) && !computes_shapes(n) && accepts_half(model, n, i, true))
          read_as_half.insert(n.input(i));
    std::unordered_set<std::string> io;
    for (const auto* v : fed_inputs(model.graph())) io.insert(v->name());
    for (const auto& v : model.graph().output()) io.insert(v.name());
    for (const auto& t : model.graph().initializer()) constants_.insert(t.name());
    for (const auto& n : model.graph().node())
      if (const auto* value = find_attribute(n, "value");
          n.op_type() == "Constant" && n.output_size() == 1 && value && value->has_t())
        constants_.insert(n.output(0));
    for (const auto& v : float32) {
      Versions& s = values_[v];
      if (constants_.count(v)) {
        s.home_half = read_as_half.count(v) > 0;
        (s.home_half ? s.has_half : s.has_single) = true;
      } else {
        s.home_half = !shape_derived_.count(v) && (convert_io_ || !io.count(v));
      }
      (s.home_half ? s.half : s.single) = v;
    }
    for (const auto* input : fed_inputs(model.graph()))
      if (values_.count(input->name())) {
        Versions& s = values_[input->name()];
        (s.home_half ? s.has_half : s.has_single) = true;
      }
  }

  bool converts_anything() const {
    for (const auto& [name, s] : values_)
      if (s.home_half) return true;
    return false;
  }

  PassReport run() {
    google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
    out_ = &nodes;
    for (onnx::NodeProto n : model_.graph().node()) convert(n);
    for (const auto& v : model_.graph().output())
      if (values_.count(v.name()) && !constants_.count(v.name()))
        values_[v.name()].home_half ? half(v.name()) : single(v.name());
    model_.mutable_graph()->mutable_node()->Swap(&nodes);
    retype();
    for (const auto& [what, count] : clamped_)
      report_.notes.push_back("'" + what + "': " + std::to_string(count) +
                              " values beyond float16's range clamped to +-65504");
    report_.notes.insert(report_.notes.end(), kept_float32_.begin(), kept_float32_.end());
    return report_;
  }

 private:
  // A node computing shapes in float (not Shape or Size themselves, whose input may be anything)
  // keeps float32.
  bool computes_shapes(const onnx::NodeProto& n) const {
    if (n.op_type() == "Shape" || n.op_type() == "Size") return false;
    for (const auto& o : n.output())
      if (shape_derived_.count(o)) return true;
    return false;
  }

  void convert(onnx::NodeProto& n) {
    const bool shapes = computes_shapes(n);
    for (int i = 0; i < n.input_size(); ++i) {
      if (!values_.count(n.input(i))) continue;
      const bool as_half = !shapes && accepts_half(model_, n, i, true);
      if (!as_half && !shapes && !constants_.count(n.input(i)))
        kept_float32_.insert(n.op_type() + " input " + std::to_string(i) +
                             " stays float32: its type constraints allow no float16");
      n.set_input(i, as_half ? half(n.input(i)) : single(n.input(i)));
    }
    for (int o = 0; o < n.output_size(); ++o) {
      if (!values_.count(n.output(o))) continue;
      Versions& s = values_[n.output(o)];
      const bool as_half = !shapes && writes_half(n, o, s);
      const std::string name = n.output(o);
      n.set_output(o, as_half ? half_name(name) : single_name(name));
      (as_half ? s.has_half : s.has_single) = true;
    }
    *out_->Add() = n;
  }

  // Whether `n` writes output `o` as float16, after rewriting the attributes that set its type.
  bool writes_half(onnx::NodeProto& n, int o, const Versions& s) {
    const std::string& op = n.op_type();
    if (op == "Constant") {
      const auto* value = find_attribute(n, "value");
      if (!s.home_half || !value || !value->has_t()) return false;
      set_attribute(n, attr_half_tensor(value->t(), n.output(o)));
      report_.add("Constant nodes -> float16");
      return true;
    }
    if (!accepts_half(model_, n, o, false)) return false;
    if (op == "Cast") {
      set_attribute(n, attr_int("to", kHalf));
      report_.add("Cast to float32 -> float16");
    } else if (op == "ConstantOfShape") {
      const auto* value = find_attribute(n, "value");
      set_attribute(n, attr_half_tensor(value ? value->t() : float_tensor("", kFloat, {1}, {0}),
                                        n.output(o)));
      report_.add("ConstantOfShape values -> float16");
    }
    return true;
  }

  // A node's 'value' attribute as float16; `value` names it in notes.
  onnx::AttributeProto attr_half_tensor(const onnx::TensorProto& t, const std::string& value) {
    onnx::AttributeProto a;
    a.set_name("value");
    a.set_type(onnx::AttributeProto_AttributeType_TENSOR);
    *a.mutable_t() = half_tensor(t, value);
    return a;
  }

  onnx::TensorProto half_tensor(const onnx::TensorProto& t, const std::string& value) {
    int clamped = 0;
    auto half = to_half(t, clamped);
    if (clamped) clamped_[value] += clamped;
    return half;
  }

  const std::string& half_name(const std::string& v) {
    Versions& s = values_[v];
    if (s.half.empty()) s.half = names_.fresh(v + "_fp16");
    return s.half;
  }
  const std::string& single_name(const std::string& v) {
    Versions& s = values_[v];
    if (s.single.empty()) s.single = names_.fresh(v + "_fp32");
    return s.single;
  }

  // The float16 (or float32) version of `v`, cast from the other one where not made yet.
  std::string half(const std::string& v) { return version(v, true); }
  std::string single(const std::string& v) { return version(v, false); }
  std::string version(const std::string& v, bool as_half) {
    Versions& s = values_[v];
    const std::string wanted = as_half ? half_name(v) : single_name(v);
    if (as_half ? s.has_half : s.has_single) return wanted;
    if (!(as_half ? s.has_single : s.has_half))
      throw Error("fp16: value '" + v + "' is read before any node writes it");
    onnx::NodeProto& cast = *out_->Add();
    cast.set_op_type("Cast");
    cast.set_name(names_.fresh(v + (as_half ? "_to_fp16" : "_to_fp32")));
    cast.add_input(as_half ? single_name(v) : half_name(v));
    cast.add_output(wanted);
    *cast.add_attribute() = attr_int("to", as_half ? kHalf : kFloat);
    (as_half ? s.has_half : s.has_single) = true;
    report_.add("Casts added");
    return wanted;
  }

  // Initializers and value types of the values whose home is float16.
  void retype() {
    auto* g = model_.mutable_graph();
    for (auto& t : *g->mutable_initializer())
      if (t.data_type() == kFloat && values_.count(t.name()) && values_[t.name()].home_half) {
        t = half_tensor(t, t.name());
        report_.add("float32 initializers -> float16");
      }
    auto retype_value = [&](onnx::ValueInfoProto& v) {
      const auto it = values_.find(v.name());
      if (it == values_.end() || !it->second.home_half) return;
      v.mutable_type()->mutable_tensor_type()->set_elem_type(kHalf);
      report_.add("value types -> float16");
    };
    for (auto& v : *g->mutable_input()) retype_value(v);
    for (auto& v : *g->mutable_output()) retype_value(v);
    auto* infos = g->mutable_value_info();
    infos->erase(std::remove_if(infos->begin(), infos->end(),
                                [&](const onnx::ValueInfoProto& v) {
                                  const auto it = values_.find(v.name());
                                  if (it == values_.end()) return false;
                                  const Versions& s = it->second;
                                  return !(s.home_half ? s.has_half : s.has_single);
                                }),
                 infos->end());
    for (auto& v : *infos) retype_value(v);
  }

  onnx::ModelProto& model_;
  bool convert_io_;
  NameSet names_;
  std::unordered_set<std::string> shape_derived_;
  std::unordered_set<std::string> constants_;         // initializers and Constant 'value' outputs
  std::unordered_map<std::string, Versions> values_;  // every float32 value
  google::protobuf::RepeatedPtrField<onnx::NodeProto>* out_ = nullptr;
  PassReport report_;
  std::map<std::string, int> clamped_;
  std::set<std::string> kept_float32_;
};

class Fp16 : public Pass {
 public:
  explicit Fp16(bool convert_io) : Pass(convert_io ? "fp16-io" : "fp16"), convert_io_(convert_io) {}

  PassReport run(onnx::ModelProto& model) const override {
    const auto& nodes = model.graph().node();
    for (int i = 0; i < nodes.size(); ++i)
      if (has_subgraph(nodes[i]))
        refuse("node '" + node_label(nodes[i], i) +
               "' has a subgraph, and fp16 converts only the top-level graph");
    onnx::ModelProto converted = model;
    Conversion conversion(converted, convert_io_);
    if (!conversion.converts_anything())
      nothing_to_do("nothing to convert: no float32 tensor that could become float16");
    PassReport report = conversion.run();
    model = std::move(converted);
    return report;
  }

 private:
  bool convert_io_;
};

}  // namespace

std::unique_ptr<Pass> fp16_pass(bool convert_io) { return std::make_unique<Fp16>(convert_io); }

}  // namespace onnxbench::model
