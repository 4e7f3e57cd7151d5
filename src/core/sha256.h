// SHA-256 from OpenSSL, for identifying model files in results. Files are hashed in chunks, so a
// model of any size is never whole in memory for it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace onnxbench {

// Incremental hasher: update() any number of times, then hex_digest() once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // Feeds the whole file at `path`, a chunk at a time. Throws InputError when it cannot be read.
  void update_from_file(const std::string& path);
  // Lower-case hex digest, 64 characters.
  std::string hex_digest();

 private:
  struct FreeContext {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, FreeContext> ctx_;
};

// Lower-case hex digest of `bytes`, 64 characters.
std::string sha256_hex(std::string_view bytes);
// The same of a file's bytes, read in chunks.
std::string sha256_file(const std::string& path);

}  // namespace onnxbench
