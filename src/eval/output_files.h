// Model outputs kept as files, one folder per sample: DIR/Result_N/<output>.npy, or .raw (bare
// float32, as Qualcomm's qnn-net-run and snpe-net-run write them, with the shape given), where N
// is the sample's position in the whole data set. eval --from-outputs scores such folders
// (outputs computed on a board) the same way as an engine's; --dump-outputs writes them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace onnxbench::eval {

using RawShapes = std::map<std::string, Shape>;  // output name -> shape of its .raw file

// "NAME=1x7x144" entries (--raw-shape). Throws InputError naming the entry.
RawShapes parse_raw_shapes(const std::vector<std::string>& entries);

std::string sample_output_dir(const std::string& dir, std::size_t index);

// Every .npy and .raw file of sample `index`, by output name. Throws InputError naming the file
// when it is unreadable, a .raw file has no shape or the wrong size, or the folder has none.
std::map<std::string, Tensor> read_sample_outputs(const std::string& dir, std::size_t index,
                                                  const RawShapes& raw_shapes);

void write_sample_outputs(const std::string& dir, std::size_t index,
                          const std::map<std::string, Tensor>& outputs);

}  // namespace onnxbench::eval
