// Graph-editing helpers the passes share: fresh names, constants, attributes, new initializers.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

namespace onnxbench::model {

// The node's name, or "<op>_<index>" when it has none (as inspect names it).
std::string node_label(const onnx::NodeProto& node, int index);

// "a, b, c, d, e and 7 more": the first `shown` names, for messages.
std::string some_names(const std::vector<std::string>& names, std::size_t shown = 5);

// Every name in use in a graph (values, initializers, nodes; subgraphs included), to make new
// ones that clash with none.
class NameSet {
 public:
  explicit NameSet(const onnx::GraphProto& graph);
  // `base` when free, else `base_2`, `base_3`, ...; the name is taken afterwards.
  std::string fresh(const std::string& base);

 private:
  std::unordered_set<std::string> used_;
};

// The value `name` always has: an initializer that a caller cannot override (not also a graph
// input, unless IR < 4 where every initializer is one), or the output of a Constant node with a
// 'value' tensor. nullptr otherwise.
const onnx::TensorProto* constant_value(const onnx::ModelProto& model, const std::string& name);

// Adds an initializer; for IR < 4 also the graph input every initializer needs there.
void add_initializer(onnx::ModelProto& model, const onnx::TensorProto& tensor);

// Of `names`, removes the initializers and Constant nodes that nothing reads any more (no node,
// subgraphs included, and no graph output). Returns how many were removed.
int remove_unread_constants(onnx::ModelProto& model, const std::set<std::string>& names);

// The elements of a float, double or float16 tensor as doubles; nullopt for other types.
std::optional<std::vector<double>> float_values(const onnx::TensorProto& tensor);
// A tensor of `data_type` (float, double or float16) with `dims`, from doubles, in raw_data.
onnx::TensorProto float_tensor(const std::string& name, int data_type,
                               const std::vector<std::int64_t>& dims,
                               const std::vector<double>& values);
// A 1-D int64 tensor.
onnx::TensorProto int64_tensor(const std::string& name, const std::vector<std::int64_t>& values);

const onnx::AttributeProto* find_attribute(const onnx::NodeProto& node, const std::string& name);
// The ints of an INTS attribute, or `fallback` when the node has none.
std::vector<std::int64_t> ints_attribute(const onnx::NodeProto& node, const std::string& name,
                                         std::vector<std::int64_t> fallback);
// The string of a STRING attribute, or `fallback`.
std::string string_attribute(const onnx::NodeProto& node, const std::string& name,
                             const std::string& fallback);
// Replaces the attribute of the same name, or adds it.
void set_attribute(onnx::NodeProto& node, const onnx::AttributeProto& attribute);
void remove_attribute(onnx::NodeProto& node, const std::string& name);

// The version of the default domain ("" or "ai.onnx") the model imports; 0 when none.
std::int64_t default_opset(const onnx::ModelProto& model);

}  // namespace onnxbench::model
