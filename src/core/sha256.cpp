#include "core/sha256.h"

#include <openssl/evp.h>

#include <fstream>

#include "core/error.h"

namespace onnxbench {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

void check(int ok, const char* what) {
  if (ok != 1) throw Error(std::string("OpenSSL SHA-256: ") + what + " failed");
}

}  // namespace

void Sha256::FreeContext::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_) throw Error("OpenSSL SHA-256: cannot allocate a digest context");
  check(EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr), "init");
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  check(EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()), "update");
}

void Sha256::update_from_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read");
  std::string buffer(kChunkBytes, '\0');
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
    update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  if (in.bad()) throw InputError(path + ": read failed");
}

std::string Sha256::hex_digest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  check(EVP_DigestFinal_ex(ctx_.get(), digest, &size), "final");
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) hex += {kDigits[digest[i] >> 4], kDigits[digest[i] & 15]};
  return hex;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.hex_digest();
}

std::string sha256_file(const std::string& path) {
  Sha256 hash;
  hash.update_from_file(path);
  return hash.hex_digest();
}

}  // namespace onnxbench
