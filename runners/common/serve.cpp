#include "common/serve.h"

#include <chrono>
#include <new>

#include "core/version.h"

namespace onnxbench::runner {
namespace {

void require_loaded(const RunnerOps& ops) {
  if (!ops.loaded()) throw RunnerError("bad_request", "no model is loaded: send 'load' first");
}

json hello(const EngineHello& h) {
  json capabilities = {{"profile", h.profile},
                       {"intermediate_outputs", h.intermediate_outputs},
                       {"split", h.split},
                       {"input_dtypes", h.input_dtypes},
                       {"stages", h.stages}};
  if (h.max_instances > 0) capabilities["max_instances"] = h.max_instances;
  return {{"protocol", kProtocolVersion},
          {"engine", h.engine},
          {"engine_version", h.engine_version},
          {"runner_version", std::string(kVersion)},
          {"knobs", h.knobs},
          {"capabilities", capabilities}};
}

// Handles one request line; false when the runner should exit.
bool handle(const std::string& line, RunnerOps& ops) {
  json id;  // null until the request's id is known
  try {
    const auto [request, op] = read_request(line, id);
    if (op == "hello") {
      send_ok(id, hello(ops.hello()));
    } else if (op == "load") {
      const LoadArgs args = read_load_args(request);
      const auto start = std::chrono::steady_clock::now();
      const int threads = ops.load(args);
      const auto end = std::chrono::steady_clock::now();
      send_ok(id, {{"load_ms", std::chrono::duration<double, std::milli>(end - start).count()},
                   {"threads", threads}});
    } else if (op == "infer") {
      require_loaded(ops);
      send_ok(id, ops.infer(request));
    } else if (op == "bench") {
      require_loaded(ops);
      send_ok(id, ops.bench(id, request));
    } else if (op == "profile") {
      require_loaded(ops);
      send_ok(id, ops.profile(id, request));
    } else if (op == "quit") {
      send_ok(id);
      return false;
    } else {
      throw RunnerError("bad_request", "unknown op '" + op +
                                           "'; ops are hello, load, infer, bench, profile, quit");
    }
  } catch (const RunnerError& e) {
    send_error(id, e.kind(), e.what(), e.node());
  } catch (const std::bad_alloc&) {
    send_error(id, "engine", "out of memory");
  } catch (const std::exception& e) {
    const RunnerError error = ops.engine_error(e);
    send_error(id, error.kind(), error.what(), error.node());
  }
  return true;
}

}  // namespace

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
  LoadArgs args{get_string(request, "model"),
                static_cast<int>(get_int(request, "instances", 1, 1, 256)), json::object()};
  if (request.contains("options") && !request["options"].is_null()) {
    args.options = request["options"];
    if (!args.options.is_object())
      throw RunnerError("bad_request", "field 'options' is not an object of knob values");
  }
  return args;
}

int serve(RunnerOps& ops) {
  std::string line;
  while (Channel::read_line(line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!handle(line, ops)) break;
  }
  return 0;
}

}  // namespace onnxbench::runner
