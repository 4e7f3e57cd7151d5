// set-batch and set-dims: symbolic dimensions become fixed sizes.
#include <set>
#include <unordered_set>

#include "core/error.h"
#include "graph/dims.h"
#include "passes/passes.h"

namespace onnxbench::model {
namespace {

using Values = google::protobuf::RepeatedPtrField<onnx::ValueInfoProto>;

onnx::TensorShapeProto* shape_of(onnx::ValueInfoProto& v) {
  if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return nullptr;
  return v.mutable_type()->mutable_tensor_type()->mutable_shape();
}

// Sets every dimension named in `sizes`; returns how many were set.
int set_symbols(Values& values, const std::map<std::string, std::int64_t>& sizes) {
  int n = 0;
  for (auto& v : values)
    if (auto* shape = shape_of(v))
      for (auto& d : *shape->mutable_dim())
        if (d.has_dim_param())
          if (const auto it = sizes.find(d.dim_param()); it != sizes.end()) {
            d.set_dim_value(it->second);
            ++n;
          }
  return n;
}

void set_everywhere(onnx::GraphProto& g, const std::map<std::string, std::int64_t>& sizes,
                    PassReport& report) {
  const std::pair<const char*, Values*> places[] = {
      {"input dims set", g.mutable_input()},
      {"output dims set", g.mutable_output()},
      {"value_info dims set", g.mutable_value_info()}};
  for (const auto& [kind, values] : places)
    if (const int n = set_symbols(*values, sizes)) report.add(kind, n);
}

std::string shape_text(const onnx::ValueInfoProto& v) {
  const auto dims = dims_of_type(v.type());
  return dims ? dims_to_string(*dims) : std::string("of unknown rank");
}

class SetBatch : public Pass {
 public:
  explicit SetBatch(std::int64_t batch) : Pass("set-batch"), batch_(batch) {
    if (batch < 1) refuse("the batch must be 1 or more, got " + std::to_string(batch));
  }

  PassReport run(onnx::ModelProto& model) const override {
    auto& g = *model.mutable_graph();
    std::unordered_set<std::string> initializers;
    for (const auto& t : g.initializer()) initializers.insert(t.name());
    std::map<std::string, std::int64_t> symbols;
    std::vector<onnx::TensorShapeProto_Dimension*> unnamed;
    std::vector<const onnx::ValueInfoProto*> kept;
    int matching = 0;
    for (auto& input : *g.mutable_input()) {
      if (initializers.count(input.name())) continue;
      auto* shape = shape_of(input);
      if (!shape || shape->dim_size() == 0) {
        kept.push_back(&input);
        continue;
      }
      auto& first = *shape->mutable_dim(0);
      if (first.has_dim_value() && first.dim_value() == batch_)
        ++matching;
      else if (first.has_dim_value())
        kept.push_back(&input);
      else if (first.has_dim_param() && !first.dim_param().empty())
        symbols[first.dim_param()] = batch_;
      else
        unnamed.push_back(&first);
    }
    if (symbols.empty() && unnamed.empty() && matching == 0) refuse(nothing_to_set(kept));

    PassReport report;
    for (auto* d : unnamed) d->set_dim_value(batch_);
    if (!unnamed.empty()) report.add("input dims set", static_cast<int>(unnamed.size()));
    set_everywhere(g, symbols, report);
    for (const auto& [symbol, size] : symbols)
      report.notes.push_back("symbol '" + symbol + "' is now " + std::to_string(size));
    for (const auto* v : kept)
      report.notes.push_back("input '" + v->name() + "' left as it is: its shape is " +
                             shape_text(*v));
    if (report.total() == 0)
      report.notes.push_back("every input already has batch " + std::to_string(batch_));
    return report;
  }

 private:
  static std::string nothing_to_set(const std::vector<const onnx::ValueInfoProto*>& kept) {
    if (kept.size() == 1)
      return "input '" + kept[0]->name() + "' has no batch dimension to set: its shape is " +
             shape_text(*kept[0]) + ", expected a symbolic first dimension";
    std::string shapes;
    for (const auto* v : kept)
      shapes += (shapes.empty() ? "" : ", ") + v->name() + " " + shape_text(*v);
    return "no input has a batch dimension to set (" + (shapes.empty() ? "no inputs" : shapes) +
           "), expected a symbolic first dimension";
  }

  std::int64_t batch_;
};

class SetDims : public Pass {
 public:
  explicit SetDims(std::map<std::string, std::int64_t> dims)
      : Pass("set-dims"), dims_(std::move(dims)) {
    if (dims_.empty()) refuse("no dimensions given, expected NAME=V[,NAME=V...]");
    for (const auto& [name, size] : dims_)
      if (size < 1)
        refuse("dimension '" + name + "' must be 1 or more, got " + std::to_string(size));
  }

  PassReport run(onnx::ModelProto& model) const override {
    auto& g = *model.mutable_graph();
    const std::set<std::string> present = symbols(g);
    for (const auto& [name, size] : dims_) {
      if (present.count(name)) continue;
      std::string known;
      for (const auto& s : present) known += (known.empty() ? "" : ", ") + s;
      refuse("no dimension is named '" + name + "' (" +
             (known.empty() ? "the graph has no symbolic dimensions" : "its symbols: " + known) +
             ")");
    }
    PassReport report;
    set_everywhere(g, dims_, report);
    return report;
  }

 private:
  static std::set<std::string> symbols(const onnx::GraphProto& g) {
    std::set<std::string> out;
    for (const Values* values : {&g.input(), &g.output(), &g.value_info()})
      for (const auto& v : *values)
        if (v.type().has_tensor_type())
          for (const auto& d : v.type().tensor_type().shape().dim())
            if (d.has_dim_param() && !d.dim_param().empty()) out.insert(d.dim_param());
    return out;
  }

  std::map<std::string, std::int64_t> dims_;
};

}  // namespace

std::unique_ptr<Pass> set_batch_pass(std::int64_t batch) {
  return std::make_unique<SetBatch>(batch);
}

std::unique_ptr<Pass> set_dims_pass(std::map<std::string, std::int64_t> dims) {
  return std::make_unique<SetDims>(std::move(dims));
}

}  // namespace onnxbench::model
