#include "cli/sample_options.h"

#include "cli/input_options.h"
#include "cli/validators.h"

namespace onnxbench::cli {

quant::SampleOptions SampleCommandOptions::options() const {
  quant::SampleOptions o;
  o.batch = batch;
  o.seed = seed;
  o.dims = parse_dims(dims);
  for (std::size_t c = 0; c < 3; ++c) {
    o.image.mean[c] = image_mean[c];
    o.image.std[c] = image_std[c];
  }
  return o;
}

void add_sample_options(CLI::App& cmd, SampleCommandOptions& o, const std::string& batch_flag) {
  add_batch_option(cmd, o.batch, batch_flag);
  add_dim_option(cmd, o.dims);
  add_seed_option(cmd, o.seed);
  cmd.add_option("--image-mean", o.image_mean,
                 "images: per-channel mean (R G B) subtracted after scaling to [0, 1]")
      ->expected(3)
      ->capture_default_str();
  cmd.add_option("--image-std", o.image_std,
                 "images: per-channel standard deviation (R G B) divided by after the mean")
      ->expected(3)
      ->capture_default_str()
      ->check(above_zero());
}

}  // namespace onnxbench::cli
