// A request as the API sees it and the response it gives: plain values, so the routes are
// functions of the request and the store, and the civetweb glue stays in one file.
#pragma once

#include <map>
#include <string>

namespace onnxbench::server {

struct Request {
  std::string method, path;                  // path: URL-decoded, without the query
  std::map<std::string, std::string> query;  // decoded ?k=v&...
  std::string body;
  std::string authorization;  // the Authorization header, never logged
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string cache_control = "no-store";
};

// {"error": message, "status": status} with that status.
Response json_error(int status, const std::string& message);

// The Authorization header holds "Bearer <token>" for this token; the comparison takes the same
// time wherever the first difference is.
bool bearer_matches(const std::string& authorization, const std::string& token);

}  // namespace onnxbench::server
