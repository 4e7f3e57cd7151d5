#include "bench/output_check.h"

#include <algorithm>
#include <filesystem>

#include "core/error.h"
#include "core/npy.h"
#include "core/tensor_pb.h"
#include "graph/dims.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

// output_0.pb, output_1.pb, ..., output_10.pb in their numeric order.
std::vector<fs::path> expected_files(const std::string& dir) {
  std::vector<std::pair<long, fs::path>> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string file = e.path().filename().string();
    if (file.rfind("output_", 0) != 0 || e.path().extension() != ".pb") continue;
    const std::string digits = e.path().stem().string().substr(7);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) continue;
    found.emplace_back(std::stol(digits), e.path());
  }
  if (ec) throw InputError("--expect " + dir + ": cannot read the folder: " + ec.message());
  std::sort(found.begin(), found.end());
  std::vector<fs::path> files;
  for (auto& [index, path] : found) files.push_back(path);
  return files;
}

}  // namespace

std::vector<OutputVerdict> check_expected(const std::vector<OutputFile>& outputs,
                                          const std::string& dir, const Tolerance& tol) {
  const auto files = expected_files(dir);
  if (files.empty()) throw InputError("--expect " + dir + ": no output_*.pb files in the folder");
  if (files.size() != outputs.size())
    throw InputError("--expect " + dir + ": " + std::to_string(files.size()) +
                     " expected outputs, the engine returned " + std::to_string(outputs.size()));
  std::vector<NamedTensor> expected;
  for (const auto& f : files) expected.push_back(read_tensor_pb(f.string()));
  std::vector<OutputVerdict> verdicts;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    auto it = std::find_if(expected.begin(), expected.end(),
                           [&](const NamedTensor& t) { return t.name == outputs[i].name; });
    const NamedTensor& want = it != expected.end() ? *it : expected[i];
    verdicts.push_back(
        compare_tensors(outputs[i].name, read_npy(outputs[i].path), want.tensor, tol));
  }
  return verdicts;
}

std::vector<std::string> declaration_mismatches(const std::vector<OutputFile>& outputs,
                                                const onnx::GraphProto& graph) {
  std::vector<std::string> lines;
  for (const auto& out : outputs) {
    const auto it =
        std::find_if(graph.output().begin(), graph.output().end(),
                     [&](const onnx::ValueInfoProto& v) { return v.name() == out.name; });
    if (it == graph.output().end() || !it->type().has_tensor_type()) continue;
    const std::string declared_type = model::onnx_type_name(it->type().tensor_type().elem_type());
    const auto dims = model::dims_of_type(it->type());
    bool shape_ok = !dims || dims->size() == out.shape.size();
    for (std::size_t d = 0; dims && shape_ok && d < dims->size(); ++d)
      shape_ok = !(*dims)[d].known() || (*dims)[d].value == out.shape[d];
    if (declared_type == out.dtype && shape_ok) continue;
    lines.push_back("output '" + out.name + "' is " + out.dtype + " " + shape_to_string(out.shape) +
                    "; the model declares " + declared_type + " " +
                    (dims ? model::dims_to_string(*dims) : std::string("(no shape)")));
  }
  return lines;
}

}  // namespace onnxbench
