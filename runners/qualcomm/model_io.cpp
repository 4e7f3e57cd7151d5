#include "model_io.h"

#include <set>

#include "core/error.h"
#include "graph/loader.h"

namespace onnxbench::qualcomm_runner {
namespace {

DeclaredValue declared(const onnx::ValueInfoProto& v) {
  DeclaredValue d{v.name(), {}};
  for (const auto& dim : v.type().tensor_type().shape().dim())
    d.dims.push_back(dim.has_dim_value()       ? std::to_string(dim.dim_value())
                     : dim.dim_param().empty() ? "?"
                                               : dim.dim_param());
  return d;
}

bool is_number(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

ModelIo read_model_io(const std::string& path) {
  const model::LoadedModel loaded = model::load_model(path);
  ModelIo io{path, loaded.sha256, {}, {}};
  std::set<std::string> initializers;
  for (const auto& init : loaded.proto.graph().initializer()) initializers.insert(init.name());
  for (const auto& in : loaded.proto.graph().input())
    if (!initializers.count(in.name())) io.inputs.push_back(declared(in));
  for (const auto& out : loaded.proto.graph().output()) io.outputs.push_back(declared(out));
  return io;
}

std::map<std::string, std::int64_t> symbol_sizes(const ModelIo& io,
                                                 const std::map<std::string, Shape>& input_shapes) {
  std::map<std::string, std::int64_t> sizes;
  for (const auto& in : io.inputs) {
    const auto it = input_shapes.find(in.name);
    if (it == input_shapes.end() || it->second.size() != in.dims.size()) continue;
    for (std::size_t d = 0; d < in.dims.size(); ++d)
      if (!is_number(in.dims[d]) && in.dims[d] != "?") sizes[in.dims[d]] = it->second[d];
  }
  return sizes;
}

Shape output_shape(const DeclaredValue& output, const std::map<std::string, std::int64_t>& symbols,
                   std::int64_t element_count) {
  Shape shape;
  int unknown = -1;
  std::int64_t known = 1;
  for (std::size_t d = 0; d < output.dims.size(); ++d) {
    const std::string& dim = output.dims[d];
    const auto it = symbols.find(dim);
    const std::int64_t size = is_number(dim)        ? std::stoll(dim)
                              : it != symbols.end() ? it->second
                                                    : -1;
    if (size < 0) {
      if (unknown >= 0)
        throw InputError("output '" + output.name + "': more than one dimension is unknown");
      unknown = static_cast<int>(d);
    } else {
      known *= size;
    }
    shape.push_back(size);
  }
  if (unknown >= 0) {
    if (known == 0 || element_count % known != 0)
      throw InputError("output '" + output.name + "': " + std::to_string(element_count) +
                       " elements do not fit its declared shape");
    shape[static_cast<std::size_t>(unknown)] = element_count / known;
  }
  return shape;
}

}  // namespace onnxbench::qualcomm_runner
