// infer's `split` (docs/runner-protocol.md): one request carries several engine calls, each on
// the next `split` rows of every input (the last call may have fewer), and each output comes back
// as the calls' outputs one after another along the first dimension. eval at a small batch sends
// many calls per request, so the round trip is paid once for all of them; every engine call is
// still a call of `split` rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/mapped_inputs.h"
#include "common/protocol.h"

namespace onnxbench::runner {

// One input of one call: a view into the mapped file.
struct RowView {
  const void* data;
  std::size_t bytes;
  Shape shape;
};

// The request's `split`, when given. Throws RunnerError (bad_request) unless a positive integer.
std::optional<std::int64_t> read_split(const json& request);

// The calls: without a split one call on the whole inputs, else calls of `split` rows. Every
// input must then have at least one dimension, and all the same first dimension. Throws
// RunnerError (bad_request).
std::vector<std::vector<RowView>> row_calls(const std::vector<MappedInput>& inputs,
                                            std::optional<std::int64_t> split);

// One output over all calls: each call's tensor appended along the first dimension. Throws
// RunnerError (engine) when a call's output differs from the first one's in type or trailing
// dimensions. Of a request with one call the output is not copied: its bytes must then stay valid
// until write().
class StackedOutput {
 public:
  explicit StackedOutput(std::size_t calls) : calls_expected_(calls) {}
  void append(const std::string& name, DType dtype, const Shape& shape, const void* data,
              std::size_t bytes);
  // Writes the .npy file. Throws RunnerError (io).
  void write(const std::string& path) const;
  DType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }

 private:
  std::size_t calls_expected_;
  DType dtype_ = DType::kFloat32;
  Shape shape_;
  std::vector<std::uint8_t> bytes_;
  const void* borrowed_ = nullptr;  // the only call's bytes
  std::size_t borrowed_bytes_ = 0;
  std::size_t calls_ = 0;
};

}  // namespace onnxbench::runner
