// SHA-256 of bytes in memory (FIPS 180-4), for identifying model files in results.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace onnxbench {

// Incremental hasher: update() any number of times, then digest() once.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  std::array<std::uint8_t, 32> digest();

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_ = 0;
};

// Lower-case hex digest, 64 characters.
std::string sha256_hex(std::string_view bytes);

}  // namespace onnxbench
