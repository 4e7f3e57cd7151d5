// The loaded model: one cv::dnn::Net per instance, the knobs, and input tensors prepared for them.
#pragma once

#include <opencv2/dnn.hpp>
#include <string>
#include <vector>

#include "common/mapped_inputs.h"
#include "core/tensor.h"
#include "model_info.h"

namespace onnxbench::runner::opencv {

// The knobs listed by hello, with their defaults.
struct Options {
  int threads = 0;  // 0: OpenCV's default
  bool fusion = true;
  bool use_optimized = true;

  // Throws RunnerError: bad_request for a value of the wrong JSON type, unsupported for an unknown
  // knob or a value out of range.
  static Options parse(const json& options);
  static json describe();  // hello's "knobs"
  // Process-wide settings (cv::setNumThreads, cv::setUseOptimized).
  void apply_global() const;
};

// Input tensors mapped once, with a cv::Mat header over each (no copy) and the name to bind it to.
struct PreparedInputs {
  std::vector<MappedInput> tensors;
  std::vector<cv::Mat> blobs;
  std::vector<std::string> names;  // "" binds the only input of a one-input model
};

class Model {
 public:
  // Throws RunnerError (io, model, unsupported).
  void load(const std::string& path, int instances, const Options& options);
  bool loaded() const { return !nets_.empty(); }
  int instances() const { return static_cast<int>(nets_.size()); }
  cv::dnn::Net& net(int instance) { return nets_.at(static_cast<std::size_t>(instance)); }
  const ModelInfo& info() const { return info_; }
  const Options& options() const { return options_; }
  // Names to forward() for all graph outputs (OpenCV registers an output layer per graph output).
  const std::vector<cv::String>& output_names() const { return output_names_; }

  // Reads {"name": "/path.npy", ...}; every graph input must be given. Throws RunnerError.
  PreparedInputs prepare_inputs(const json& inputs) const;

  // A Net of the same model whose graph outputs also include `extra` tensors; kept until the next
  // call with other tensors or the next load.
  cv::dnn::Net& net_with_outputs(const std::vector<std::string>& extra);

 private:
  cv::dnn::Net create_net(const std::string& path) const;

  ModelInfo info_;
  Options options_;
  std::vector<cv::dnn::Net> nets_;
  std::vector<cv::String> output_names_;
  std::vector<std::string> extra_outputs_;
  cv::dnn::Net extra_net_;
  mutable InputMaps input_maps_;
};

// setInput for every prepared input (OpenCV copies the data into the net).
inline void set_inputs(cv::dnn::Net& net, const PreparedInputs& inputs) {
  for (std::size_t i = 0; i < inputs.blobs.size(); ++i)
    net.setInput(inputs.blobs[i], inputs.names[i]);
}

// Turns an OpenCV exception from import or inference into a RunnerError of `kind`, naming the
// failing node when OpenCV's message does.
RunnerError cv_error(const std::string& kind, const std::string& context, const cv::Exception& e,
                     const ModelInfo& info);

}  // namespace onnxbench::runner::opencv
