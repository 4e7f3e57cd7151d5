// transform --verify: the original and the transformed model run on one engine with the same
// seeded random inputs, and every output they share is compared. Where the two take or give a
// float tensor in different float types (fp16-io), the values are converted and compared.
#pragma once

#include <onnx/onnx_pb.h>

#include <ostream>
#include <string>
#include <vector>

#include "bench/output_check.h"
#include "data/inputs.h"
#include "engines/runner_client.h"
#include "engines/runner_host.h"

namespace onnxbench::cli {

struct VerifyRequest {
  std::string engine;
  RunnerLimits limits;
  std::shared_ptr<RunnerHost> host;  // where the runner runs
  InputRequest inputs;               // seed and sizes of symbols the transformed model still has
  Tolerance tolerance;
};

// The tolerance --verify uses when none is given: the loosest of the passes' own. Exact rewrites
// keep float results to rounding; folding constants reassociates float arithmetic; fp16 keeps
// about three decimal digits.
Tolerance default_verify_tolerance(const std::vector<std::string>& pass_names);

// Prints one line per shared output (largest errors and cosine, within tolerance or not) and
// returns whether every one is within the tolerance (NaN where the other has a number is not).
bool verify_transform(const std::string& original_path, const std::string& transformed_path,
                      const onnx::ModelProto& transformed, const VerifyRequest& request,
                      std::ostream& out);

}  // namespace onnxbench::cli
