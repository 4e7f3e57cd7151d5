#include "graph/external_data.h"

#include <fstream>
#include <map>

#include "core/error.h"
#include "core/tensor.h"
#include "graph/dims.h"

namespace onnxbench::model {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw InputError(name + ": " + what);
}

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

}  // namespace

void ExternalLoader::load(onnx::TensorProto& t) {
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
    fail(name_,
         where + ": external data '" + location + "' cannot be resolved: the model has no folder");
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
    fail(name_, where + ": external data file '" + location + "' cannot be read: " + ec.message());

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
  files_.insert(real);
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

const fs::path& ExternalLoader::canonical_folder() {
  if (canonical_folder_.empty()) {
    std::error_code ec;
    canonical_folder_ = fs::canonical(folder_, ec);
    if (ec) fail(name_, "cannot resolve the model's folder '" + folder_ + "': " + ec.message());
  }
  return canonical_folder_;
}

void ExternalLoader::check_length(const onnx::TensorProto& t, const std::string& where,
                                  const std::string& location, std::uint64_t length) {
  if (t.data_type() == onnx::TensorProto_DataType_STRING)
    fail(name_, where + ": string tensors cannot use external data ('" + location + "')");
  const std::size_t size = onnx_type_size(t.data_type());
  if (size == 0) return;
  const std::uint64_t needed = checked_byte_size(tensor_dims(t), size, name_ + ": " + where);
  if (needed != length)
    fail(name_, where + ": external data is " + std::to_string(length) + " bytes of '" + location +
                    "', but dims of " + onnx_type_name(t.data_type()) + " need " +
                    std::to_string(needed));
}

}  // namespace onnxbench::model
