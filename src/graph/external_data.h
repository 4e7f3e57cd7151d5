// Pulling a model's external data (TensorProto.data_location EXTERNAL) into raw_data, safely:
// relative paths inside the model's folder only, offsets and lengths checked against the file and
// the tensor's dims, and a cap on the total.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

#include "graph/loader.h"

namespace onnxbench::model {

class ExternalLoader {
 public:
  ExternalLoader(std::string name, std::string folder, const LoadLimits& limits)
      : name_(std::move(name)), folder_(std::move(folder)), limits_(limits) {}

  // Loads `t`'s external data into raw_data; a tensor with its data inside is left alone.
  void load(onnx::TensorProto& t);
  std::uint64_t total() const { return total_; }
  // The external-data files read so far, each once, canonical, in byte order of their path.
  const std::set<std::filesystem::path>& files() const { return files_; }

 private:
  const std::filesystem::path& canonical_folder();
  void check_length(const onnx::TensorProto& t, const std::string& where,
                    const std::string& location, std::uint64_t length);

  std::string name_;
  std::string folder_;
  LoadLimits limits_;
  std::filesystem::path canonical_folder_;
  std::uint64_t total_ = 0;
  std::set<std::filesystem::path> files_;
};

}  // namespace onnxbench::model
