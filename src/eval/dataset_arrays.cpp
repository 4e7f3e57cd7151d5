// Data sets stored as arrays: IDX files (the MNIST layout, plain or gzip) and .npy inputs with
// .npy labels. Headers are checked against the file sizes before anything is allocated.
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "core/file_io.h"
#include "core/npy.h"
#include "eval/dataset.h"

namespace onnxbench::eval {
namespace {

bool is_gzip(const std::string& path) { return path.ends_with(".gz"); }

// The whole decompressed content of a gzip file, at most max_bytes.
std::string gunzip(const std::string& path, std::uint64_t max_bytes) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw InputError(path + ": cannot open the file");
  std::string out;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > max_bytes) break;
  }
  const bool failed = n < 0;
  gzclose(f);
  if (failed) throw InputError(path + ": not a readable gzip file");
  return out;
}

std::uint32_t big_endian(const std::string& b, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

struct IdxHeader {
  std::vector<std::uint32_t> dims;
  std::uint64_t data_offset = 0;
};

// Reads the header of an unsigned-byte IDX file of `rank` dimensions; checks that the file holds
// exactly the bytes the dimensions say.
IdxHeader idx_header(const std::string& path, const std::string& head, std::uint64_t file_size,
                     int rank) {
  if (head.size() < 4 || head[0] != 0 || head[1] != 0)
    throw InputError(path + ": not an IDX file (magic 0x0000 missing)");
  if (static_cast<unsigned char>(head[2]) != 0x08)
    throw InputError(path + ": IDX element type 0x" +
                     std::to_string(static_cast<unsigned char>(head[2])) +
                     " unsupported, expected 0x08 (unsigned byte)");
  if (head[3] != rank)
    throw InputError(path + ": IDX rank " + std::to_string(head[3]) + ", expected " +
                     std::to_string(rank));
  IdxHeader h;
  h.data_offset = 4 + 4 * static_cast<std::uint64_t>(rank);
  if (head.size() < h.data_offset) throw InputError(path + ": truncated IDX header");
  std::uint64_t bytes = 1;
  for (int i = 0; i < rank; ++i) {
    h.dims.push_back(big_endian(head, 4 + 4 * static_cast<std::size_t>(i)));
    bytes *= h.dims.back();
  }
  if (file_size - h.data_offset != bytes)
    throw InputError(path + ": IDX data is " + std::to_string(file_size - h.data_offset) +
                     " bytes, its dimensions need " + std::to_string(bytes));
  return h;
}

// The bytes of an IDX file: decompressed in memory for .gz (a few MB for MNIST), otherwise only
// the header (samples are read from the file one at a time).
struct IdxFile {
  IdxHeader header;
  std::shared_ptr<const std::string> memory;
};

IdxFile read_idx(const std::string& path, int rank) {
  if (!std::filesystem::is_regular_file(path)) throw InputError(path + ": no such IDX file");
  IdxFile f;
  if (is_gzip(path)) {
    auto bytes = std::make_shared<std::string>(gunzip(path, 1ull << 32));
    f.header = idx_header(path, *bytes, bytes->size(), rank);
    f.memory = std::move(bytes);
  } else {
    const std::uint64_t size = std::filesystem::file_size(path);
    std::ifstream in(path, std::ios::binary);
    std::string head(4 + 4 * static_cast<std::size_t>(rank), '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    f.header = idx_header(path, head, size, rank);
  }
  return f;
}

}  // namespace

Dataset open_idx(const std::string& images, const std::string& labels) {
  const IdxFile im = read_idx(images, 3);
  const IdxFile lb = read_idx(labels, 1);
  if (im.header.dims[0] != lb.header.dims[0])
    throw InputError(images + ": " + std::to_string(im.header.dims[0]) + " images, but " + labels +
                     " has " + std::to_string(lb.header.dims[0]) + " labels");
  Dataset d;
  d.kind = "idx";
  d.path = images;
  d.array = {images,
             im.header.data_offset,
             {im.header.dims[1], im.header.dims[2]},
             DType::kUInt8,
             im.memory};
  std::string label_bytes;
  if (lb.memory) {
    label_bytes = lb.memory->substr(static_cast<std::size_t>(lb.header.data_offset));
  } else {
    label_bytes = read_file(labels).substr(static_cast<std::size_t>(lb.header.data_offset));
  }
  for (std::size_t i = 0; i < label_bytes.size(); ++i) {
    const std::int64_t label = static_cast<unsigned char>(label_bytes[i]);
    d.samples.push_back({images + "[" + std::to_string(i) + "]", label, 0, "", d.samples.size()});
    d.label_max = std::max(d.label_max, label);
  }
  return d;
}

Dataset open_npy(const std::string& inputs, const std::string& labels) {
  const NpyHeader h = read_npy_header(inputs);
  if (h.shape.empty()) throw InputError(inputs + ": expected [samples, ...], got a scalar");
  const Tensor y = read_npy(labels);
  if (y.shape.size() != 1 ||
      (y.dtype != DType::kInt64 && y.dtype != DType::kInt32 && y.dtype != DType::kUInt8))
    throw InputError(labels + ": expected a 1-D array of integer labels, got " +
                     std::string(dtype_name(y.dtype)) + " " + shape_to_string(y.shape));
  if (y.shape[0] != h.shape[0])
    throw InputError(inputs + ": " + std::to_string(h.shape[0]) + " samples, but " + labels +
                     " has " + std::to_string(y.shape[0]) + " labels");
  Dataset d;
  d.kind = "npy";
  d.path = inputs;
  d.tensors = true;
  d.array = {inputs, h.data_offset, Shape(h.shape.begin() + 1, h.shape.end()), h.dtype, nullptr};
  for (std::int64_t i = 0; i < y.shape[0]; ++i) {
    const std::int64_t label = y.dtype == DType::kInt64   ? y.as<std::int64_t>()[i]
                               : y.dtype == DType::kInt32 ? y.as<std::int32_t>()[i]
                                                          : y.as<std::uint8_t>()[i];
    if (label < 0)
      throw InputError(labels + ": sample " + std::to_string(i) + " has label " +
                       std::to_string(label) + ", expected a class index >= 0");
    d.samples.push_back({inputs + "[" + std::to_string(i) + "]", label, 0, "", d.samples.size()});
    d.label_max = std::max(d.label_max, label);
  }
  return d;
}

}  // namespace onnxbench::eval
