#include "cli/input_options.h"

#include "cli/validators.h"
#include "core/error.h"

namespace onnxbench::cli {

void add_batch_option(CLI::App& cmd, long long& batch, const std::string& flags) {
  cmd.add_option(flags, batch,
                 "batch size: sets the model's symbolic first input dimension (default 1; samples "
                 "from a .npy file or images are grouped so)")
      ->check(at_least(1));
}

void add_dim_option(CLI::App& cmd, std::vector<std::string>& dims) {
  cmd.add_option("--dim", dims,
                 "size of a symbolic input dimension other than the batch, SYMBOL=N (repeatable)");
}

void add_seed_option(CLI::App& cmd, std::uint64_t& seed) {
  cmd.add_option("--seed", seed, "seed of random input tensors and random:N samples")
      ->capture_default_str();
}

std::map<std::string, long long> parse_dims(const std::vector<std::string>& dims) {
  std::map<std::string, long long> out;
  for (const auto& d : dims) {
    const auto eq = d.find('=');
    std::size_t used = 0;
    long long n = 0;
    if (eq != std::string::npos && eq > 0) {
      try {
        n = std::stoll(d.substr(eq + 1), &used);
      } catch (const std::exception&) {
        used = 0;
      }
    }
    if (eq == std::string::npos || eq == 0 || used == 0 || eq + 1 + used != d.size() || n < 1)
      throw InputError("--dim '" + d + "': expected SYMBOL=N with N >= 1");
    out[d.substr(0, eq)] = n;
  }
  return out;
}

}  // namespace onnxbench::cli
