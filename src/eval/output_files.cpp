#include "eval/output_files.h"

#include <charconv>
#include <filesystem>

#include "core/error.h"
#include "core/file_io.h"
#include "core/npy.h"

namespace onnxbench::eval {
namespace fs = std::filesystem;

RawShapes parse_raw_shapes(const std::vector<std::string>& entries) {
  RawShapes out;
  for (const auto& e : entries) {
    const auto eq = e.find('=');
    const auto bad = [&] {
      return InputError("--raw-shape '" + e + "': expected NAME=DIMS, e.g. output0=1x84x8400");
    };
    if (eq == std::string::npos || eq == 0 || eq + 1 == e.size()) throw bad();
    Shape shape;
    for (std::size_t at = eq + 1; at <= e.size();) {
      const std::size_t end = std::min(e.find('x', at), e.size());
      std::int64_t v = 0;
      const auto r = std::from_chars(e.data() + at, e.data() + end, v);
      if (r.ec != std::errc() || r.ptr != e.data() + end || v < 1) throw bad();
      shape.push_back(v);
      at = end + 1;
    }
    out[e.substr(0, eq)] = shape;
  }
  return out;
}

std::string sample_output_dir(const std::string& dir, std::size_t index) {
  return (fs::path(dir) / ("Result_" + std::to_string(index))).string();
}

std::map<std::string, Tensor> read_sample_outputs(const std::string& dir, std::size_t index,
                                                  const RawShapes& raw_shapes) {
  const std::string folder = sample_output_dir(dir, index);
  if (!fs::is_directory(folder))
    throw InputError("--from-outputs " + dir + ": sample " + std::to_string(index) +
                     " has no outputs folder " + folder);
  std::map<std::string, Tensor> out;
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string path = e.path().string(), ext = e.path().extension().string();
    const std::string name = e.path().stem().string();
    if (ext == ".npy") {
      out.emplace(name, read_npy(path));
    } else if (ext == ".raw") {
      const auto shape = raw_shapes.find(name);
      if (shape == raw_shapes.end())
        throw InputError(path + ": a .raw output needs its shape, --raw-shape " + name +
                         "=DIMS (e.g. 1x84x8400)");
      Tensor t(DType::kFloat32, shape->second);
      const std::string bytes = read_file(path);
      if (bytes.size() != t.byte_size())
        throw InputError(path + ": " + std::to_string(bytes.size()) + " bytes, but float32 " +
                         shape_to_string(t.shape) + " takes " + std::to_string(t.byte_size()));
      std::copy(bytes.begin(), bytes.end(), t.data.begin());
      out.emplace(name, std::move(t));
    }
  }
  if (out.empty()) throw InputError(folder + ": no .npy or .raw output files");
  return out;
}

void write_sample_outputs(const std::string& dir, std::size_t index,
                          const std::map<std::string, Tensor>& outputs) {
  const std::string folder = sample_output_dir(dir, index);
  fs::create_directories(folder);
  for (const auto& [name, t] : outputs) write_npy(folder + "/" + name + ".npy", t);
}

}  // namespace onnxbench::eval
