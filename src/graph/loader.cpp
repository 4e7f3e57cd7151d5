#include "graph/loader.h"

#include <onnx/defs/schema.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "core/error.h"
#include "core/file_io.h"
#include "core/sha256.h"
#include "graph/dims.h"

namespace onnxbench::model {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw InputError(name + ": " + what);
}

std::string normalize_domain(const std::string& domain) {
  return domain == "ai.onnx" ? std::string() : domain;
}

std::string domain_label(const std::string& domain) {
  return domain.empty() ? "the default domain (ai.onnx)" : "domain '" + domain + "'";
}

// --- truncation detection ------------------------------------------------------------------------

// Top-level fields of ModelProto with their wire types (0 varint, 2 length-delimited).
struct KnownField {
  int number;
  int wire_type;
  const char* name;
};
constexpr KnownField kModelFields[] = {
    {1, 0, "ir_version"},     {2, 2, "producer_name"}, {3, 2, "producer_version"},
    {4, 2, "domain"},         {5, 0, "model_version"}, {6, 2, "doc_string"},
    {7, 2, "graph"},          {8, 2, "opset_import"},  {14, 2, "metadata_props"},
    {20, 2, "training_info"}, {25, 2, "functions"},
};

enum class Varint { kOk, kEnded, kMalformed };

// Reads a varint at `pos`: kEnded when the bytes end inside it, kMalformed past 10 bytes.
Varint read_varint(const std::string& b, std::size_t& pos, std::uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (pos >= b.size()) return Varint::kEnded;
    const auto byte = static_cast<unsigned char>(b[pos++]);
    value |= std::uint64_t{byte & 0x7fu} << shift;
    if (!(byte & 0x80u)) return Varint::kOk;
  }
  return Varint::kMalformed;
}

// Walks the top-level fields of a ModelProto. When every field seen is a ModelProto field with the
// right wire type and the bytes end in the middle of one, the file was cut short: returns a
// description of where. Returns "" when the bytes do not look like a cut ModelProto.
std::string truncation_hint(const std::string& b) {
  std::size_t pos = 0;
  while (pos < b.size()) {
    const std::size_t start = pos;
    std::uint64_t tag = 0;
    const Varint t = read_varint(b, pos, tag);
    if (t == Varint::kMalformed) return "";
    if (t == Varint::kEnded) return "it ends inside a field tag at offset " + std::to_string(start);
    const KnownField* field = nullptr;
    for (const auto& f : kModelFields)
      if (static_cast<std::uint64_t>(f.number) == (tag >> 3) && f.wire_type == int(tag & 7))
        field = &f;
    if (!field) return "";
    std::uint64_t value = 0;
    const Varint v = read_varint(b, pos, value);
    if (v == Varint::kMalformed) return "";
    if (v == Varint::kEnded)
      return std::string("it ends inside field '") + field->name + "' at offset " +
             std::to_string(start);
    if (field->wire_type == 2) {
      if (value > b.size() - pos)
        return std::string("field '") + field->name + "' at offset " + std::to_string(start) +
               " declares " + std::to_string(value) + " bytes but only " +
               std::to_string(b.size() - pos) + " follow";
      pos += value;
    }
  }
  return "";
}

// --- walking every tensor of a model -------------------------------------------------------------

using TensorVisitor = std::function<void(onnx::TensorProto&)>;

void visit_graph_tensors(onnx::GraphProto& g, const TensorVisitor& visit);

void visit_attribute_tensors(onnx::AttributeProto& a, const TensorVisitor& visit) {
  if (a.has_t()) visit(*a.mutable_t());
  for (auto& t : *a.mutable_tensors()) visit(t);
  if (a.has_sparse_tensor()) {
    visit(*a.mutable_sparse_tensor()->mutable_values());
    visit(*a.mutable_sparse_tensor()->mutable_indices());
  }
  for (auto& s : *a.mutable_sparse_tensors()) {
    visit(*s.mutable_values());
    visit(*s.mutable_indices());
  }
  if (a.has_g()) visit_graph_tensors(*a.mutable_g(), visit);
  for (auto& g : *a.mutable_graphs()) visit_graph_tensors(g, visit);
}

void visit_graph_tensors(onnx::GraphProto& g, const TensorVisitor& visit) {
  for (auto& t : *g.mutable_initializer()) visit(t);
  for (auto& s : *g.mutable_sparse_initializer()) {
    visit(*s.mutable_values());
    visit(*s.mutable_indices());
  }
  for (auto& n : *g.mutable_node())
    for (auto& a : *n.mutable_attribute()) visit_attribute_tensors(a, visit);
}

void visit_model_tensors(onnx::ModelProto& m, const TensorVisitor& visit) {
  if (m.has_graph()) visit_graph_tensors(*m.mutable_graph(), visit);
  for (auto& ti : *m.mutable_training_info()) {
    if (ti.has_initialization()) visit_graph_tensors(*ti.mutable_initialization(), visit);
    if (ti.has_algorithm()) visit_graph_tensors(*ti.mutable_algorithm(), visit);
  }
  for (auto& f : *m.mutable_functions())
    for (auto& n : *f.mutable_node())
      for (auto& a : *n.mutable_attribute()) visit_attribute_tensors(a, visit);
}

// --- external data ------------------------------------------------------------------------------

std::uint64_t parse_u64(const std::string& name, const std::string& where, const std::string& key,
                        const std::string& text) {
  std::size_t used = 0;
  std::uint64_t v = 0;
  bool ok = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  if (ok) {
    try {
      v = std::stoull(text, &used);
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok)
    fail(name, where + ": external_data '" + key + "' is '" + text +
                   "', expected a non-negative decimal integer");
  return v;
}

// Is `inner` (canonical) inside `outer` (canonical)?
bool is_inside(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

class ExternalLoader {
 public:
  ExternalLoader(std::string name, std::string folder, const LoadLimits& limits)
      : name_(std::move(name)), folder_(std::move(folder)), limits_(limits) {}

  void load(onnx::TensorProto& t) {
    if (t.data_location() != onnx::TensorProto_DataLocation_EXTERNAL) return;
    const std::string where =
        "tensor '" + (t.name().empty() ? std::string("(unnamed)") : t.name()) + "'";
    std::map<std::string, std::string> kv;
    for (const auto& e : t.external_data()) kv[e.key()] = e.value();
    const std::string location = kv["location"];
    if (location.empty())
      fail(name_, where +
                      ": external_data 'location' missing, expected a file name relative to "
                      "the model's folder");
    const fs::path rel(location);
    if (rel.is_absolute() || location.front() == '/' || location.front() == '\\' ||
        (location.size() > 1 && location[1] == ':'))
      fail(name_, where + ": external_data 'location' is '" + location +
                      "', an absolute path; expected a path relative to the model's folder");
    // '..' in either separator style (models are also written on Windows).
    std::string part;
    for (std::size_t i = 0; i <= location.size(); ++i) {
      if (i == location.size() || location[i] == '/' || location[i] == '\\') {
        if (part == "..")
          fail(name_, where + ": external_data 'location' is '" + location +
                          "', which contains '..'; expected a path inside the model's folder");
        part.clear();
      } else {
        part += location[i];
      }
    }
    if (folder_.empty())
      fail(name_, where + ": external data '" + location +
                      "' cannot be resolved: the model has no folder");
    const fs::path full = fs::path(folder_) / rel;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(full, ec)))
      fail(name_, where + ": external data file '" + location + "' does not exist (looked for " +
                      full.string() + ")");
    const fs::path real = fs::canonical(full, ec);
    if (ec)
      fail(name_, where + ": external data file '" + location + "' cannot be resolved (" +
                      ec.message() + "; is it a dangling symlink?)");
    if (!is_inside(real, canonical_folder()))
      fail(name_, where + ": external data file '" + location + "' resolves to " + real.string() +
                      ", outside the model's folder; expected a file inside it");
    if (!fs::is_regular_file(real, ec))
      fail(name_, where + ": external data file '" + location + "' is not a regular file");
    const std::uint64_t file_size = fs::file_size(real, ec);
    if (ec)
      fail(name_,
           where + ": external data file '" + location + "' cannot be read: " + ec.message());

    const std::uint64_t offset =
        kv.count("offset") ? parse_u64(name_, where, "offset", kv["offset"]) : 0;
    if (offset > file_size)
      fail(name_, where + ": external_data 'offset' is " + std::to_string(offset) + " but '" +
                      location + "' has only " + std::to_string(file_size) + " bytes");
    const std::uint64_t length =
        kv.count("length") ? parse_u64(name_, where, "length", kv["length"]) : file_size - offset;
    if (length > file_size - offset)
      fail(name_, where + ": external_data wants bytes " + std::to_string(offset) + ".." +
                      std::to_string(offset + length) + " of '" + location + "', which has only " +
                      std::to_string(file_size) + " bytes");
    check_length(t, where, location, length);
    total_ += length;
    if (total_ > limits_.max_external_bytes)
      fail(name_, "external data totals more than the limit of " +
                      std::to_string(limits_.max_external_bytes) + " bytes (at " + where + ")");

    std::string bytes(length, '\0');
    std::ifstream in(real, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(bytes.data(), static_cast<std::streamsize>(length));
    if (!in)
      fail(name_, where + ": external data file '" + location + "' cannot be read (short read)");
    t.set_raw_data(std::move(bytes));
    t.clear_external_data();
    t.set_data_location(onnx::TensorProto_DataLocation_DEFAULT);
  }

  std::uint64_t total() const { return total_; }

 private:
  const fs::path& canonical_folder() {
    if (canonical_folder_.empty()) {
      std::error_code ec;
      canonical_folder_ = fs::canonical(folder_, ec);
      if (ec) fail(name_, "cannot resolve the model's folder '" + folder_ + "': " + ec.message());
    }
    return canonical_folder_;
  }

  void check_length(const onnx::TensorProto& t, const std::string& where,
                    const std::string& location, std::uint64_t length) {
    if (t.data_type() == onnx::TensorProto_DataType_STRING)
      fail(name_, where + ": string tensors cannot use external data ('" + location + "')");
    const std::size_t size = onnx_type_size(t.data_type());
    if (size == 0) return;
    std::uint64_t elements = 1;
    for (auto d : t.dims()) {
      if (d < 0) fail(name_, where + ": dims has a negative size " + std::to_string(d));
      elements *= static_cast<std::uint64_t>(d);
    }
    if (elements * size != length)
      fail(name_, where + ": external data is " + std::to_string(length) + " bytes of '" +
                      location + "', but dims of " + onnx_type_name(t.data_type()) + " need " +
                      std::to_string(elements * size));
  }

  std::string name_;
  std::string folder_;
  LoadLimits limits_;
  fs::path canonical_folder_;
  std::uint64_t total_ = 0;
};

// --- operator checks ----------------------------------------------------------------------------

struct OpChecker {
  const std::string& name;
  std::map<std::string, std::int64_t> opsets;               // normalized domain -> version
  std::set<std::pair<std::string, std::string>> functions;  // (domain, name) of model functions

  void graph(const onnx::GraphProto& g, const std::string& context) {
    for (int i = 0; i < g.node_size(); ++i) node(g.node(i), i, context);
  }

  void node(const onnx::NodeProto& n, int index, const std::string& context) {
    const std::string label =
        (n.name().empty() ? std::string("node #") + std::to_string(index)
                          : "node '" + n.name() + "' (#" + std::to_string(index) + ")") +
        context;
    const std::string domain = normalize_domain(n.domain());
    if (functions.count({n.domain(), n.op_type()}) == 0) {
      const auto it = opsets.find(domain);
      if (it == opsets.end())
        fail(name, label + ": op '" + n.op_type() + "' is in " + domain_label(domain) +
                       ", which has no entry in opset_import");
      if (max_known_opset(domain) > 0) {
        const int version = static_cast<int>(it->second);
        const auto* schema = onnx::OpSchemaRegistry::Schema(n.op_type(), version, domain);
        if (!schema)
          fail(name, label + ": op '" + n.op_type() + "' is not an operator of " +
                         domain_label(domain) + " at opset " + std::to_string(version) +
                         " (unknown op)");
        if (schema->Deprecated())
          fail(name, label + ": op '" + n.op_type() + "' is deprecated since opset " +
                         std::to_string(schema->SinceVersion()) + " of " + domain_label(domain) +
                         " (the model imports opset " + std::to_string(version) + ")");
      }
    }
    for (const auto& a : n.attribute()) {
      const std::string inner = " in attribute '" + a.name() + "' of " + label;
      if (a.has_g()) graph(a.g(), inner);
      for (const auto& g : a.graphs()) graph(g, inner);
    }
  }
};

}  // namespace

int max_known_opset(const std::string& domain) {
  const auto& map = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  const auto it = map.find(normalize_domain(domain));
  return it == map.end() ? 0 : it->second.second;
}

void check_model_header(const onnx::ModelProto& m, const std::string& name) {
  if (!m.has_ir_version() || m.ir_version() <= 0)
    fail(name, "field 'ir_version' missing, expected the ONNX IR version (1.." +
                   std::to_string(onnx::IR_VERSION) + ")");
  if (m.ir_version() > onnx::IR_VERSION)
    fail(name, "field 'ir_version' is " + std::to_string(m.ir_version()) +
                   ", newer than the ONNX library onnxbench is built with supports (at most " +
                   std::to_string(onnx::IR_VERSION) + ")");
  if (!m.has_graph()) fail(name, "field 'graph' missing, expected the model's GraphProto");
  if (m.opset_import_size() == 0)
    fail(name, "field 'opset_import' missing, expected the operator set versions the model uses");
  std::set<std::string> seen;
  for (const auto& op : m.opset_import()) {
    const std::string domain = normalize_domain(op.domain());
    if (!seen.insert(domain).second)
      fail(name, "field 'opset_import' lists " + domain_label(domain) + " twice");
    if (op.version() <= 0)
      fail(name, "opset_import for " + domain_label(domain) + " is version " +
                     std::to_string(op.version()) + ", expected a positive version");
    const int known = max_known_opset(domain);
    if (known > 0 && op.version() > known)
      fail(name, "opset_import for " + domain_label(domain) + " is version " +
                     std::to_string(op.version()) +
                     ", newer than the ONNX library onnxbench is built with knows (at most " +
                     std::to_string(known) + ")");
  }
}

void check_model_ops(const onnx::ModelProto& m, const std::string& name) {
  OpChecker checker{name, {}, {}};
  for (const auto& op : m.opset_import())
    checker.opsets[normalize_domain(op.domain())] = op.version();
  for (const auto& f : m.functions()) checker.functions.insert({f.domain(), f.name()});
  checker.graph(m.graph(), "");
}

LoadedModel parse_model(const std::string& bytes, const std::string& name,
                        const std::string& folder, const LoadLimits& limits) {
  LoadedModel out;
  out.path = name;
  out.folder = folder;
  out.file_bytes = bytes.size();
  if (bytes.empty()) fail(name, "not an ONNX model: the file is empty");
  if (bytes.size() > limits.max_file_bytes)
    fail(name, "file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                   std::to_string(limits.max_file_bytes));
  out.sha256 = sha256_hex(bytes);
  if (!out.proto.ParseFromString(bytes)) {
    const std::string hint = truncation_hint(bytes);
    if (!hint.empty())
      fail(name, "not an ONNX model (protobuf parse failed): the file looks truncated: " + hint);
    fail(name, "not an ONNX model (protobuf parse failed)");
  }
  if (!out.proto.has_graph() && !out.proto.has_ir_version()) {
    const std::string hint = truncation_hint(bytes);
    fail(name, "not an ONNX model (no 'ir_version' and no 'graph' field)" +
                   (hint.empty() ? std::string() : "; the file looks truncated: " + hint));
  }
  check_model_header(out.proto, name);
  check_model_ops(out.proto, name);
  ExternalLoader external(name, folder, limits);
  visit_model_tensors(out.proto, [&](onnx::TensorProto& t) { external.load(t); });
  out.external_bytes = external.total();
  return out;
}

LoadedModel load_model(const std::string& path, const LoadLimits& limits) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) fail(path, "cannot read: no such file");
  if (fs::is_directory(status)) fail(path, "cannot read: is a folder, expected an ONNX model file");
  if (!fs::is_regular_file(status)) fail(path, "cannot read: not a regular file");
  const std::uint64_t size = fs::file_size(path, ec);
  if (ec) fail(path, "cannot read: " + ec.message());
  if (size > limits.max_file_bytes)
    fail(path, "file is " + std::to_string(size) + " bytes, over the limit of " +
                   std::to_string(limits.max_file_bytes));
  const std::string bytes = read_file(path, limits.max_file_bytes);
  fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) folder = ".";
  return parse_model(bytes, path, folder.string(), limits);
}

}  // namespace onnxbench::model
