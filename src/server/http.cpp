#include "server/http.h"

#include <nlohmann/json.hpp>

namespace onnxbench::server {

Response json_error(int status, const std::string& message) {
  return {status, "application/json",
          nlohmann::json{{"error", message}, {"status", status}}.dump()};
}

bool bearer_matches(const std::string& authorization, const std::string& token) {
  const std::string prefix = "Bearer ";
  if (token.empty() || authorization.size() != prefix.size() + token.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    diff |= static_cast<unsigned char>(authorization[i] ^ prefix[i]);
  for (std::size_t i = 0; i < token.size(); ++i)
    diff |= static_cast<unsigned char>(authorization[prefix.size() + i] ^ token[i]);
  return diff == 0;
}

}  // namespace onnxbench::server
