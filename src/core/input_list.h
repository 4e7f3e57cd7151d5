// The input lists of snpe-net-run, qnn-net-run and snpe-dlc-quant: one line per inference, a
// single path or "name:=path" pairs separated by spaces, an optional first line
// "%output_name1 output_name2" naming the outputs to keep, and "#" comment lines.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace onnxbench {

struct InputList {
  std::vector<std::string> outputs;  // from the "%" line; empty: the model's outputs
  // Per inference, (input name, path) pairs; the name is empty on a single-path line.
  std::vector<std::vector<std::pair<std::string, std::string>>> inferences;
};

std::string format_input_list(const InputList& list);
// InputError naming `file_name` and the line for a pair without a name or path, or a line whose
// inputs differ in number from the first line's.
InputList parse_input_list(const std::string& text, const std::string& file_name);

}  // namespace onnxbench
