#pragma once

#include "bench/plan.h"
#include "graph/loader.h"

namespace onnxbench {

// The graph inputs (initializers excluded) and outputs of a loaded model, for input preparation.
// Throws InputError for an input that is not a tensor of known rank.
ModelUnderTest model_under_test(const model::LoadedModel& loaded);

}  // namespace onnxbench
