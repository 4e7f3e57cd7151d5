// Architectures for the generator tests: the ones shipped in bench/architectures and small ones.
#pragma once

#include <string>

#include "support/test_paths.h"
#include "zoo/architecture.h"

namespace onnxbench::testing {

inline model::Architecture shipped_architecture(const std::string& name) {
  return model::read_architecture(source_dir() + "/bench/architectures/" + name + ".json");
}

inline std::string default_space_path() {
  return source_dir() + "/bench/spaces/mobilenet_v2_cifar10.json";
}

inline model::TransformerArch small_transformer() {
  model::TransformerArch t;
  t.layers = 2;
  t.d_model = 32;
  t.heads = 4;
  t.ffn = 64;
  t.seq_len = 8;
  t.num_classes = 5;
  return t;
}

}  // namespace onnxbench::testing
