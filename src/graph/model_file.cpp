#include <filesystem>
#include <set>

#include "core/error.h"
#include "core/file_io.h"
#include "core/sha256.h"
#include "graph/external_data.h"
#include "graph/loader.h"
#include "graph/model_check.h"
#include "graph/structure_checks.h"
#include "graph/tensor_walk.h"

namespace onnxbench::model {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw InputError(name + ": " + what);
}

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

// The model file's bytes, then each external-data file whole, in byte order of their canonical
// paths: `cat model.onnx <files in that order> | sha256sum`. Without external data it is the
// file's own SHA-256.
std::string model_sha256(const std::string& bytes, const std::set<fs::path>& external_files) {
  Sha256 hash;
  hash.update(bytes);
  for (const auto& f : external_files) hash.update_from_file(f.string());
  return hash.hex_digest();
}

}  // namespace

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
  out.notes = check_model_header(out.proto, name);
  check_model_ops(out.proto, name);
  ExternalLoader external(name, folder, limits);
  visit_model_tensors(out.proto, [&](onnx::TensorProto& t) { external.load(t); });
  out.external_bytes = external.total();
  out.sha256 = model_sha256(bytes, external.files());
  check_model_structure(out.proto, name);
  if (out.notes.empty()) {
    if (const std::string problem = model_problem(out.proto); !problem.empty()) fail(name, problem);
  } else {
    out.notes.push_back(
        "so ONNX's checker and strict shape inference were skipped (structural "
        "checks only); the engine decides whether it runs the model");
  }
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
