#include "common/row_calls.h"

#include <algorithm>

#include "core/error.h"
#include "core/npy.h"
#include "core/text.h"

namespace onnxbench::runner {

std::optional<std::int64_t> read_split(const json& request) {
  if (!request.contains("split") || request["split"].is_null()) return std::nullopt;
  const json& split = request["split"];
  if (!split.is_number_integer() || split.get<std::int64_t>() < 1)
    throw RunnerError("bad_request", "field 'split' is " + brief(split) +
                                         ", expected a number of rows of at least 1");
  return split.get<std::int64_t>();
}

std::vector<std::vector<RowView>> row_calls(const std::vector<MappedInput>& inputs,
                                            std::optional<std::int64_t> split) {
  std::vector<std::vector<RowView>> calls;
  if (!split) {
    auto& call = calls.emplace_back();
    for (const auto& in : inputs)
      call.push_back({in.file->data(), in.file->byte_size(), in.file->shape()});
    return calls;
  }
  std::int64_t rows = -1;
  for (const auto& in : inputs) {
    const Shape& shape = in.file->shape();
    if (shape.empty())
      throw RunnerError("bad_request", "input '" + in.name +
                                           "' is a scalar: 'split' cuts inputs along their "
                                           "first dimension");
    if (rows >= 0 && shape[0] != rows)
      throw RunnerError("bad_request", "input '" + in.name + "' has " + std::to_string(shape[0]) +
                                           " rows, the others " + std::to_string(rows) +
                                           ": 'split' needs the same first dimension in all");
    rows = shape[0];
  }
  for (std::int64_t first = 0; first < rows; first += *split) {
    const std::int64_t count = std::min(*split, rows - first);
    auto& call = calls.emplace_back();
    for (const auto& in : inputs) {
      const std::size_t row_bytes = in.file->byte_size() / static_cast<std::size_t>(rows);
      Shape shape = in.file->shape();
      shape[0] = count;
      call.push_back(
          {static_cast<const char*>(in.file->data()) + static_cast<std::size_t>(first) * row_bytes,
           static_cast<std::size_t>(count) * row_bytes, shape});
    }
  }
  return calls;
}

void StackedOutput::append(const std::string& name, DType dtype, const Shape& shape,
                           const void* data, std::size_t bytes) {
  if (calls_ == 0) {
    dtype_ = dtype;
    shape_ = shape;
  } else if (dtype != dtype_ || shape.size() != shape_.size() || shape.empty() ||
             !std::equal(shape.begin() + 1, shape.end(), shape_.begin() + 1)) {
    throw RunnerError("engine", "output '" + name + "' of call " + std::to_string(calls_ + 1) +
                                    " is " + std::string(dtype_name(dtype)) + " " +
                                    shape_to_string(shape) + ", the first call's " +
                                    std::string(dtype_name(dtype_)) + " " +
                                    shape_to_string(shape_) +
                                    ": 'split' stacks outputs along their first dimension");
  } else {
    shape_[0] += shape[0];
  }
  ++calls_;
  if (calls_expected_ == 1) {
    borrowed_ = data;
    borrowed_bytes_ = bytes;
    return;
  }
  const auto* first = static_cast<const std::uint8_t*>(data);
  bytes_.insert(bytes_.end(), first, first + bytes);
}

void StackedOutput::write(const std::string& path) const {
  try {
    if (borrowed_)
      write_npy(path, dtype_, shape_, borrowed_, borrowed_bytes_);
    else
      write_npy(path, dtype_, shape_, bytes_.data(), bytes_.size());
  } catch (const Error& e) {
    throw RunnerError("io", e.what());
  }
}

}  // namespace onnxbench::runner
