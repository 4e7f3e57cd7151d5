#include "request.h"

namespace onnxbench::opencv_runner {

Request read_request(const std::string& line, json& id) {
  json request;
  try {
    request = json::parse(line);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for 1e309
    throw RunnerError("bad_request", std::string("request is not JSON: ") + e.what());
  }
  if (!request.is_object()) throw RunnerError("bad_request", "request is not a JSON object");
  if (request.contains("id")) id = request["id"];
  if (!id.is_number_integer())
    throw RunnerError("bad_request", "request field 'id' is missing or not an integer");
  std::string op = get_string(request, "op");
  return {std::move(request), std::move(op)};
}

LoadArgs read_load_args(const json& request) {
  return {get_string(request, "model"), static_cast<int>(get_int(request, "instances", 1, 1, 256)),
          Options::parse(request.value("options", json::object()))};
}

}  // namespace onnxbench::opencv_runner
