#include "cv_util.h"

#include <cstring>
#include <regex>

#include "common/protocol.h"

namespace onnxbench::runner::opencv {
namespace {

constexpr std::size_t kMaxDims = 32;  // CV_MAX_DIM, from OpenCV's C API header

}  // namespace

std::string clean_cv_message(const std::string& what) {
  // "OpenCV(4.6.0) ./modules/dnn/src/x.cpp:123: error: (-2:Unspecified error) " and
  // " in function 'name'" (the name may contain spaces and parentheses, but not quotes).
  static const std::regex header(R"(OpenCV\([^)]*\) [^ ]+:\d+: error: )");
  static const std::regex assertion(R"(\(-215:Assertion failed\) ?)");
  static const std::regex code(R"(\(-?\d+:[^)]*\) ?)");
  static const std::regex function(R"( ?in function '[^']*')");
  // Nested exceptions quote the inner message with "> " at the start of each line.
  std::string text;
  std::size_t begin = 0;
  while (begin <= what.size()) {
    std::size_t end = what.find('\n', begin);
    if (end == std::string::npos) end = what.size();
    std::size_t first = what.find_first_not_of("> \t\r", begin);
    if (first != std::string::npos && first < end) text += what.substr(first, end - first) + ' ';
    begin = end + 1;
  }
  text = std::regex_replace(text, header, "");
  text = std::regex_replace(text, assertion, "assertion failed: ");
  text = std::regex_replace(text, code, "");
  text = std::regex_replace(text, function, "");
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out.empty() ? "OpenCV error" : out;
}

std::string short_function_name(const std::string& func) {
  std::string name = func.substr(0, func.find('('));
  if (const auto colons = name.rfind("::"); colons != std::string::npos)
    name = name.substr(colons + 2);
  if (const auto space = name.rfind(' '); space != std::string::npos) name = name.substr(space + 1);
  return name;
}

std::optional<FailedNode> parse_node_error(const std::string& what) {
  static const std::string start = "Node [", mid = "]:(", end = ") parse error:";
  const auto s = what.find(start);
  if (s == std::string::npos) return std::nullopt;
  const auto m = what.find(mid, s + start.size());
  if (m == std::string::npos) return std::nullopt;
  const auto e = what.find(end, m + mid.size());
  if (e == std::string::npos) return std::nullopt;
  FailedNode node;
  node.op_type = what.substr(s + start.size(), m - s - start.size());
  if (const auto at = node.op_type.rfind('@'); at != std::string::npos) node.op_type.resize(at);
  node.layer_name = what.substr(m + mid.size(), e - m - mid.size());
  node.detail = clean_cv_message(what.substr(e + end.size()));
  return node;
}

std::string node_name_of_layer(const std::string& layer_name, std::string* first_output) {
  static const std::string named = "onnx_node!", unnamed = "onnx_node_output_0!";
  if (layer_name.rfind(named, 0) == 0) return layer_name.substr(named.size());
  if (layer_name.rfind(unnamed, 0) == 0 && first_output)
    *first_output = layer_name.substr(unnamed.size());
  return {};
}

int cv_depth(DType type) {
  switch (type) {
    case DType::kFloat32:
      return CV_32F;
    case DType::kFloat16:
      return CV_16F;
    case DType::kFloat64:
      return CV_64F;
    case DType::kInt8:
      return CV_8S;
    case DType::kUInt8:
      return CV_8U;
    case DType::kInt16:
      return CV_16S;
    case DType::kUInt16:
      return CV_16U;
    case DType::kInt32:
      return CV_32S;
    default:
      return -1;
  }
}

cv::Mat wrap_tensor(DType dtype, const Shape& shape, const void* data) {
  const int depth = cv_depth(dtype);
  std::vector<int> sizes;
  for (auto d : shape) {
    if (d > INT32_MAX)
      throw RunnerError("unsupported", "dimension " + std::to_string(d) + " of shape " +
                                           shape_to_string(shape) +
                                           " is over OpenCV's limit of 2^31-1");
    sizes.push_back(static_cast<int>(d));
  }
  if (sizes.empty()) sizes.push_back(1);  // a scalar: OpenCV has no 0-d Mat
  if (sizes.size() > kMaxDims)
    throw RunnerError("unsupported", "shape " + shape_to_string(shape) + " has more than " +
                                         std::to_string(kMaxDims) + " dimensions");
  // setInput copies the data: the read-only mapping is never written.
  return cv::Mat(static_cast<int>(sizes.size()), sizes.data(), depth, const_cast<void*>(data));
}

Tensor mat_to_tensor(const cv::Mat& mat, const std::optional<Shape>& declared) {
  if (mat.empty())
    return Tensor(DType::kFloat32,
                  declared && element_count(*declared) == 0 ? *declared : Shape{0});
  cv::Mat m = mat.isContinuous() ? mat : mat.clone();
  DType type = DType::kFloat32;
  switch (m.depth()) {
    case CV_32F:
      break;
    case CV_16F:
      type = DType::kFloat16;
      break;
    case CV_64F:
      type = DType::kFloat64;
      break;
    case CV_8S:
      type = DType::kInt8;
      break;
    case CV_8U:
      type = DType::kUInt8;
      break;
    case CV_16S:
      type = DType::kInt16;
      break;
    case CV_16U:
      type = DType::kUInt16;
      break;
    case CV_32S:
      type = DType::kInt32;
      break;
    default: {
      cv::Mat f;
      m.convertTo(f, CV_32F);
      m = f;
    }
  }
  Shape shape;
  for (int i = 0; i < m.dims; ++i) shape.push_back(m.size[i]);
  if (m.channels() > 1) shape.push_back(m.channels());
  if (declared && element_count(*declared) == element_count(shape)) shape = *declared;
  Tensor t(type, shape);
  std::memcpy(t.data.data(), m.data, t.byte_size());
  return t;
}

}  // namespace onnxbench::runner::opencv
