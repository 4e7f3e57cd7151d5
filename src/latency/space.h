// The search spaces latency tables are made for, whatever their family: a table needs every
// distinct module of the space, a fit and a validation need seeded samples from it.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "zoo/architecture.h"
#include "zoo/search_space.h"

namespace onnxbench::latency {

struct Space {
  std::string path, family;
  std::variant<model::MobileNetV2Space, model::ResNetSpace> space;
};

// Reads a space file; a family latency cannot sample is an InputError naming the field.
Space read_latency_space(const std::string& path);

// Few architectures that together hold every distinct module of the space. A block's modules
// depend only on its own choices and on the fixed fields (channels, strides) before it, so
// pairing the i-th (expansion, kernel) choice of every stage (MobileNetV2), at the deepest depth,
// for every input size, width and block kind, covers them all.
std::vector<model::Architecture> covering_architectures(const Space& space);

std::vector<model::Architecture> sample(const Space& space, std::uint64_t count,
                                        std::uint64_t seed);

}  // namespace onnxbench::latency
