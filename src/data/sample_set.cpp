#include "data/sample_set.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/error.h"
#include "core/npy.h"

namespace onnxbench::quant {
namespace {

namespace fs = std::filesystem;

InputRequest sample(long long batch, std::vector<std::string> files, std::uint64_t seed = 1) {
  InputRequest r;
  r.batch = batch;
  r.files = std::move(files);
  r.seed = seed;
  return r;
}

bool is_tensor_file(const fs::path& p) { return p.extension() == ".npy" || p.extension() == ".pb"; }

std::vector<fs::path> sorted_entries(const fs::path& folder) {
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(folder)) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  return entries;
}

void need_one_input(const std::string& data, const std::vector<InputSpec>& inputs,
                    const std::string& what) {
  if (inputs.size() != 1)
    throw InputError(data + ": " + what + " feeds a model with one input; this one has " +
                     std::to_string(inputs.size()) + " (give a folder of sample folders)");
}

// The batch the model takes: its fixed first dimension, or `batch` where it is symbolic.
long long model_batch(const InputSpec& input, long long batch) {
  if (!input.dims.empty() && input.dims[0].known()) return input.dims[0].value;
  return batch;
}

// The samples' dtype and shape past the first axis must be the input's (where it is fixed).
void check_sample_shape(const std::string& data, const Tensor& all, const InputSpec& input) {
  bool fits =
      std::string(dtype_name(all.dtype)) == input.dtype && all.shape.size() == input.dims.size();
  for (std::size_t d = 1; fits && d < all.shape.size(); ++d)
    fits = !input.dims[d].known() || input.dims[d].value == all.shape[d];
  if (!fits)
    throw InputError(data + ": for model input '" + input.name +
                     "': " + std::string(dtype_name(all.dtype)) + " samples of shape " +
                     shape_to_string(all.shape) + ", expected " + input.dtype + " " +
                     model::dims_to_string(input.dims) + " with the samples along the first axis");
}

// Samples along the first axis of `all`, cut into batches the model takes.
CalibrationSet from_tensor(const std::string& data, const Tensor& all,
                           const std::vector<InputSpec>& inputs, long long batch,
                           const std::string& work_dir) {
  if (all.shape.empty() || all.shape[0] == 0)
    throw InputError(data + ": shape " + shape_to_string(all.shape) +
                     ": expected samples along a first axis of 1 or more");
  check_sample_shape(data, all, inputs[0]);
  const long long chunk = model_batch(inputs[0], batch);
  if (all.shape[0] < chunk)
    throw InputError(data + ": " + std::to_string(all.shape[0]) +
                     " samples, fewer than the model's batch of " + std::to_string(chunk));
  Shape shape = all.shape;
  shape[0] = chunk;
  const std::size_t chunk_bytes =
      static_cast<std::size_t>(element_count(shape)) * dtype_size(all.dtype);
  CalibrationSet set;
  const long long count = all.shape[0] / chunk;
  for (long long i = 0; i < count; ++i) {
    Tensor part(all.dtype, shape);
    std::memcpy(part.data.data(), all.data.data() + static_cast<std::size_t>(i) * chunk_bytes,
                chunk_bytes);
    const std::string path = work_dir + "/calibration_" + std::to_string(i) + ".npy";
    write_npy(path, part);
    set.samples.push_back(sample(chunk, {path}));
  }
  set.description = std::to_string(count * chunk) + " samples from " + data + " in batches of " +
                    std::to_string(chunk);
  if (count * chunk < all.shape[0])
    set.description += " (the last " + std::to_string(all.shape[0] - count * chunk) + " unused)";
  return set;
}

CalibrationSet from_npy(const std::string& data, const std::vector<InputSpec>& inputs,
                        long long batch, const std::string& work_dir) {
  need_one_input(data, inputs, "a .npy file");
  return from_tensor(data, read_npy(data), inputs, batch, work_dir);
}

CalibrationSet from_images(const std::string& data, const std::vector<std::string>& images,
                           const std::vector<InputSpec>& inputs, const SampleOptions& options,
                           const std::string& work_dir) {
  need_one_input(data, inputs, "a folder of images");
  const model::Dims& dims = inputs[0].dims;
  if (dims.size() != 4 || !dims[1].known() || !dims[2].known() || !dims[3].known() ||
      inputs[0].dtype != "float32")
    throw InputError(data + ": images feed a float32 [N,C,H,W] input with C, H and W fixed; '" +
                     inputs[0].name + "' is " + inputs[0].dtype + " " +
                     model::dims_to_string(dims));
  const Tensor all =
      image_batch(images, dims[1].value, dims[2].value, dims[3].value, options.image);
  CalibrationSet set = from_tensor(data, all, inputs, options.batch, work_dir);
  set.description += " (images: RGB, resized, /255, normalised by mean and std)";
  return set;
}

CalibrationSet from_folder(const std::string& data, const std::vector<InputSpec>& inputs,
                           const SampleOptions& options, const std::string& work_dir) {
  const long long batch = options.batch;
  CalibrationSet set;
  const auto entries = sorted_entries(data);
  std::vector<std::string> images;
  for (const auto& e : entries)
    if (fs::is_regular_file(e) && is_image_file(e.string())) images.push_back(e.string());
  const bool sample_folders = std::any_of(entries.begin(), entries.end(),
                                          [](const auto& p) { return fs::is_directory(p); });
  if (!sample_folders && !images.empty())
    return from_images(data, images, inputs, options, work_dir);
  // One ONNX test-data set (input_0.pb, ..., output_0.pb): one sample of its inputs.
  const bool test_data_set = std::any_of(entries.begin(), entries.end(), [](const auto& p) {
    return p.filename().string().rfind("input_", 0) == 0 && p.extension() == ".pb";
  });
  if (!sample_folders && test_data_set) {
    set.samples.push_back(sample(batch, {data}));
    set.description = "1 sample (the ONNX test-data set " + data + ")";
    return set;
  }
  for (const auto& e : entries) {
    if (sample_folders ? !fs::is_directory(e) : !is_tensor_file(e)) continue;
    set.samples.push_back(sample(batch, {e.string()}));
  }
  if (!sample_folders) need_one_input(data, inputs, "a folder of tensor files");
  if (set.samples.empty())
    throw InputError(data +
                     ": no calibration samples: expected sample folders, images or .npy/.pb files");
  set.description = std::to_string(set.samples.size()) + " samples from " + data;
  return set;
}

CalibrationSet random_set(const std::string& data, long long batch, std::uint64_t seed) {
  const std::string count_text = data.substr(std::strlen("random:"));
  long long count = 0;
  try {
    std::size_t used = 0;
    count = std::stoll(count_text, &used);
    if (used != count_text.size()) count = 0;
  } catch (const std::exception&) {
  }
  if (count < 1) throw InputError(data + ": expected random:N with N >= 1");
  CalibrationSet set;
  set.random = true;
  for (long long i = 0; i < count; ++i)
    set.samples.push_back(sample(batch, {}, seed + static_cast<std::uint64_t>(i)));
  set.description =
      std::to_string(count) + " seeded random samples (seed " + std::to_string(seed) + ")";
  return set;
}

CalibrationSet samples_of(const std::string& data, const std::vector<InputSpec>& inputs,
                          const SampleOptions& options, const std::string& work_dir) {
  if (data.rfind("random:", 0) == 0) return random_set(data, options.batch, options.seed);
  if (fs::is_directory(data)) return from_folder(data, inputs, options, work_dir);
  if (fs::is_regular_file(data) && fs::path(data).extension() == ".npy")
    return from_npy(data, inputs, options.batch, work_dir);
  throw InputError(data + ": expected a .npy file, a folder of samples or random:N");
}

}  // namespace

CalibrationSet calibration_set(const std::string& data, const std::vector<InputSpec>& inputs,
                               const SampleOptions& options, const std::string& work_dir) {
  CalibrationSet set = samples_of(data, inputs, options, work_dir);
  for (auto& sample : set.samples) sample.dims = options.dims;
  return set;
}

}  // namespace onnxbench::quant
