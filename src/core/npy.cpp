#include "core/npy.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>

#include "core/error.h"
#include "core/file_io.h"

namespace onnxbench {
namespace {

constexpr char kMagic[] = "\x93NUMPY";

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw InputError(name + ": not a valid .npy file: " + what);
}

std::uint32_t read_le(const std::string& b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

// The text after `'key':` in a Python dict literal, or npos. (A hand-written scan: std::regex
// recurses per character and can exhaust the stack on a long crafted header.)
std::size_t value_start(const std::string& header, const std::string& key) {
  std::size_t at = header.find("'" + key + "'");
  if (at == std::string::npos) return at;
  at += key.size() + 2;
  while (at < header.size() && (header[at] == ' ' || header[at] == ':')) ++at;
  return at < header.size() ? at : std::string::npos;
}

DType parse_descr(const std::string& header, const std::string& name) {
  const std::size_t at = value_start(header, "descr");
  const std::size_t end = at == std::string::npos ? at : header.find('\'', at + 1);
  if (at == std::string::npos || header[at] != '\'' || end == std::string::npos || end - at < 3)
    fail(name, "header field 'descr' missing or not a string");
  const std::string order(1, header[at + 1]), code = header.substr(at + 2, end - at - 2);
  const auto type = std::string("<>|=").find(order) == std::string::npos
                        ? std::nullopt
                        : dtype_from_npy_code(code);
  if (!type)
    fail(name, "field 'descr' is '" + order + code +
                   "', expected a number or bool type (f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1)");
  if (order == ">" && dtype_size(*type) > 1)
    fail(name, "field 'descr' is big-endian ('>'), expected little-endian ('<')");
  return *type;
}

Shape parse_shape(const std::string& header, const std::string& name) {
  const std::size_t at = value_start(header, "shape");
  const std::size_t end = at == std::string::npos ? at : header.find(')', at);
  if (at == std::string::npos || header[at] != '(' || end == std::string::npos)
    fail(name, "header field 'shape' missing or not a tuple");
  Shape shape;
  std::size_t pos = at + 1;
  while (pos < end) {
    while (pos < end && header[pos] == ' ') ++pos;
    if (pos == end) break;
    std::int64_t d = 0;
    const auto [next, ec] = std::from_chars(header.data() + pos, header.data() + end, d);
    if (ec != std::errc() || d < 0)
      fail(name, "field 'shape' is '" + header.substr(at, end - at + 1) +
                     "', expected a tuple of sizes that fit in 64 bits");
    shape.push_back(d);
    pos = static_cast<std::size_t>(next - header.data());
    while (pos < end && header[pos] == ' ') ++pos;
    if (pos < end && header[pos] != ',')
      fail(name, "field 'shape' is '" + header.substr(at, end - at + 1) + "', expected a tuple");
    ++pos;
  }
  return shape;
}

}  // namespace

NpyHeader parse_npy_header(const std::string& bytes, std::uint64_t file_size,
                           const std::string& name) {
  if (bytes.size() < 10 || bytes.compare(0, 6, kMagic, 6) != 0)
    fail(name, "magic string \\x93NUMPY missing at the start");
  const int major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3) fail(name, "format version " + std::to_string(major) + " unknown");
  const int len_bytes = major == 1 ? 2 : 4;
  const std::size_t header_start = 8 + len_bytes;
  if (bytes.size() < header_start) fail(name, "truncated header");
  const std::size_t header_len = read_le(bytes, 8, len_bytes);
  if (bytes.size() < header_start + header_len) fail(name, "truncated header");
  const std::string header = bytes.substr(header_start, header_len);
  if (header.find("'fortran_order': True") != std::string::npos)
    fail(name, "field 'fortran_order' is True, expected C order (False)");
  NpyHeader h{parse_descr(header, name), parse_shape(header, name), header_start + header_len};
  // Check the header's claim against the bytes present before allocating anything: a crafted
  // shape must not make us allocate (or overflow into) a size the file does not hold.
  const std::uint64_t present = file_size - h.data_offset;
  const std::uint64_t needed =
      checked_byte_size(h.shape, dtype_size(h.dtype), name + ": field 'shape'");
  if (present != needed)
    fail(name, "data is " + std::to_string(present) + " bytes, shape " + shape_to_string(h.shape) +
                   " of " + std::string(dtype_name(h.dtype)) + " needs " + std::to_string(needed));
  return h;
}

Tensor parse_npy(const std::string& bytes, const std::string& name) {
  const NpyHeader h = parse_npy_header(bytes, bytes.size(), name);
  Tensor t(h.dtype, h.shape);
  // copy_n, not memcpy: an empty tensor's data() may be null, which memcpy must not be given.
  std::copy_n(bytes.data() + h.data_offset, t.byte_size(), t.data.data());
  return t;
}

NpyHeader read_npy_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open the file");
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  std::string prefix(static_cast<std::size_t>(std::min<std::uint64_t>(size, 1 << 16)), '\0');
  in.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
  return parse_npy_header(prefix, size, path);
}

namespace {

// Everything before the data.
std::string npy_header(DType dtype, const Shape& dims) {
  // Python tuple syntax: "()", "(2,)", "(2, 3)".
  std::string shape;
  for (std::size_t i = 0; i < dims.size(); ++i) shape += (i ? ", " : "") + std::to_string(dims[i]);
  if (dims.size() == 1) shape += ",";
  const char order = dtype_size(dtype) == 1 ? '|' : '<';
  std::string header = "{'descr': '" + std::string(1, order) + std::string(dtype_npy_code(dtype)) +
                       "', 'fortran_order': False, 'shape': (" + shape + "), }";
  // Pad with spaces so that the data starts on a 64-byte boundary; the header ends with '\n'.
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out(kMagic, 6);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>((header.size() >> 8) & 0xff);
  out += header;
  return out;
}

}  // namespace

std::string format_npy(const Tensor& t) {
  std::string out = npy_header(t.dtype, t.shape);
  out.append(reinterpret_cast<const char*>(t.data.data()), t.byte_size());
  return out;
}

Tensor read_npy(const std::string& path) { return parse_npy(read_file(path), path); }

void write_npy(const std::string& path, const Tensor& tensor) {
  write_npy(path, tensor.dtype, tensor.shape, tensor.data.data(), tensor.byte_size());
}

void write_npy(const std::string& path, DType dtype, const Shape& shape, const void* data,
               std::size_t bytes) {
  const std::string header = npy_header(dtype, shape);
  overwrite_file(path, {{header.data(), header.size()}, {data, bytes}});
}

}  // namespace onnxbench
