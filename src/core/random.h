// The one random generator: SplitMix64 (Steele, Lea, Flood 2014), fixed arithmetic on uint64, so
// the same seed draws the same numbers on every machine (std distributions do not).
#pragma once

#include <cstdint>
#include <vector>

namespace onnxbench {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  // A choice among n is next() % n.
  template <typename T>
  const T& choose(const std::vector<T>& choices) {
    return choices[next() % choices.size()];
  }

 private:
  std::uint64_t state_;
};

}  // namespace onnxbench
