// The schema as migrations applied in order; the store's version is how many have been applied.
#pragma once

#include <string>
#include <vector>

namespace onnxbench::store {

// Migration N (1-based) is element N-1, in the shared SQL form (see dialect_sql).
const std::vector<std::string>& migrations();

}  // namespace onnxbench::store
