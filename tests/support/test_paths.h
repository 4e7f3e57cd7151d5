// Paths and scratch folders for tests.
#pragma once

#include <string>

namespace onnxbench::testing {

std::string source_dir();
std::string build_dir();
// A fresh, empty folder under the build tree, unique to the running test.
std::string scratch_dir();
// Removes the running test's scratch folder, and its parents once they are empty.
void remove_scratch_dir();

}  // namespace onnxbench::testing
