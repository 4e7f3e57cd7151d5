// Glue between OpenCV DNN and the protocol: error messages, tensors, names.
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <string>

#include "core/npy.h"
#include "core/tensor.h"

namespace onnxbench::runner::opencv {

// cv::Exception::what() spans lines and repeats "OpenCV(4.6.0) file:line: error: (code) ... in
// function 'f'" for every nesting level; this keeps only the descriptions, on one line.
std::string clean_cv_message(const std::string& what);

// "void cv::dnn::ONNXImporter::parseClip(LayerParams&, ...)" -> "parseClip".
std::string short_function_name(const std::string& func);

// The node named in an ONNX importer error, "Node [Op@domain]:(layer name) parse error: ...".
struct FailedNode {
  std::string op_type;     // "NonZero"
  std::string layer_name;  // OpenCV's layer name: "onnx_node!<node name>" or
                           // "onnx_node_output_0!<first output>" for unnamed nodes
  std::string detail;      // the cleaned message after "parse error:"
};
std::optional<FailedNode> parse_node_error(const std::string& what);

// OpenCV's layer name for an ONNX node -> the node's name ("" when the node has none), and the
// first output of an unnamed node in `first_output`.
std::string node_name_of_layer(const std::string& layer_name, std::string* first_output = nullptr);

// The OpenCV element depth of a tensor type; -1 when OpenCV has no such depth.
int cv_depth(DType type);

// A cv::Mat header over a mapped tensor's bytes (no copy): the tensor must outlive the Mat.
cv::Mat wrap_tensor(DType dtype, const Shape& shape, const void* data);

// Copies a result blob out; reshaped to `declared` when that has the same element count.
Tensor mat_to_tensor(const cv::Mat& mat, const std::optional<Shape>& declared);

}  // namespace onnxbench::runner::opencv
