// Fleet tests: models, a trivial pipeline and worker processes run as a user would start them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engines/subprocess.h"
#include "store/store.h"

namespace onnxbench::testing {

// `count` distinct demo-cnn models (seeds 1..count) in `dir`; returns their paths.
std::vector<std::string> make_models(const std::string& dir, int count);
// Two inspect stages per model, b needing a: quick, real onnxbench child processes.
std::string write_trivial_pipeline(const std::string& dir);
// `onnxbench farm worker` in its own process group (lease 2 s), its log appended to `log`, its
// stages run in a folder next to the log.
std::unique_ptr<Subprocess> start_worker(const std::string& url, const std::string& name,
                                         const std::string& log, const std::string& extra = "",
                                         double poll_s = 0.2);
// Waits until no task is queued or running; false after `seconds`.
bool wait_until_drained(store::Store& s, double seconds);

}  // namespace onnxbench::testing
