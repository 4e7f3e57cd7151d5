// The options of every command that makes input tensors (bench, run, profile, tune, eval,
// transform --verify, quantize, compare), declared once here with their help: the batch of a
// symbolic first dimension, the sizes of other symbolic dimensions, and the seed of random data.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace onnxbench::cli {

// `flags` names the option ("-b,--batch"; quantize's is "--calib-batch,--batch").
void add_batch_option(CLI::App& cmd, long long& batch, const std::string& flags);
// --dim SYMBOL=N, repeatable.
void add_dim_option(CLI::App& cmd, std::vector<std::string>& dims);
// --seed of random tensors and random:N samples.
void add_seed_option(CLI::App& cmd, std::uint64_t& seed);

// The --dim values by symbol. Throws InputError naming the bad one.
std::map<std::string, long long> parse_dims(const std::vector<std::string>& dims);

}  // namespace onnxbench::cli
