// onnxbench-runner-qualcomm --engine snpe|qnn|qaic [--sdk DIR]: Qualcomm's own command-line tools
// behind the runner protocol (docs/runner-protocol.md). A tool that fails or prints a failure
// becomes an error reply naming the tool, its command line and its last lines; the runner goes on.
#include <cstring>
#include <new>

#include "core/version.h"
#include "session.h"

namespace onnxbench::qualcomm_runner {
namespace {

struct Runner {
  std::string engine;
  qualcomm::Sdk sdk;
  std::unique_ptr<Session> session;
  bool loaded = false;
};

json hello(Runner& r) {
  return {{"protocol", 1},
          {"engine", r.engine},
          {"engine_version", r.session->engine_version()},
          {"runner_version", std::string(kVersion)},
          {"knobs", r.session->knobs()},
          {"capabilities",
           {{"profile", r.engine != "qaic"},
            {"intermediate_outputs", false},
            {"input_dtypes", {"float32"}},
            // A Cloud AI 100 card has up to 16 AI cores; qaic-runner refuses more activations
            // than the card holds.
            {"max_instances", r.engine == "qaic" ? 16 : 1},
            {"stages",
             r.engine == "qaic" ? json::array({"preProcTime", "execTotal"}) : json::array()}}}};
}

Session& loaded(Runner& r) {
  if (!r.loaded)
    throw protocol::RunnerError("bad_request", "no model is loaded: send 'load' first");
  return *r.session;
}

bool handle(const std::string& line, Runner& r) {
  json id;
  try {
    const json request = json::parse(line);
    if (!request.is_object() || !request.contains("id") || !request["id"].is_number_integer())
      throw protocol::RunnerError("bad_request", "a request is a JSON object with an integer id");
    id = request["id"];
    const std::string op = protocol::get_string(request, "op");
    if (op == "hello") {
      protocol::send_ok(id, hello(r));
    } else if (op == "load") {
      const auto start = std::chrono::steady_clock::now();
      r.session->load(protocol::get_string(request, "model"),
                      static_cast<int>(protocol::get_int(request, "instances", 1, 1, 64)),
                      protocol::get_object(request, "options"));
      r.loaded = true;
      protocol::send_ok(id, {{"load_ms", std::chrono::duration<double, std::milli>(
                                             std::chrono::steady_clock::now() - start)
                                             .count()}});
    } else if (op == "infer") {
      protocol::send_ok(id, loaded(r).infer(request));
    } else if (op == "bench") {
      protocol::send_ok(id, loaded(r).bench(id, request));
    } else if (op == "profile") {
      protocol::send_ok(id, loaded(r).profile(id, request));
    } else if (op == "quit") {
      protocol::send_ok(id);
      return false;
    } else {
      throw protocol::RunnerError("bad_request", "unknown op '" + op + "'");
    }
  } catch (const protocol::RunnerError& e) {
    protocol::send_error(id, e.kind(), e.what(), e.node());
  } catch (const json::exception& e) {
    protocol::send_error(id, "bad_request", std::string("not a JSON request: ") + e.what());
  } catch (const std::bad_alloc&) {
    protocol::send_error(id, "engine", "out of memory");
  } catch (const std::exception& e) {
    protocol::send_error(id, "engine", e.what());
  }
  return true;
}

}  // namespace
}  // namespace onnxbench::qualcomm_runner

int main(int argc, char** argv) {
  using namespace onnxbench::qualcomm_runner;
  Runner r;
  std::string sdk_root;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--engine") == 0) r.engine = argv[i + 1];
    if (std::strcmp(argv[i], "--sdk") == 0) sdk_root = argv[i + 1];
  }
  protocol::Channel::open();
  try {
    r.sdk = onnxbench::qualcomm::find_sdk(r.engine, sdk_root);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  r.session = r.engine == "snpe"  ? make_snpe_session(r.sdk)
              : r.engine == "qnn" ? make_qnn_session(r.sdk)
                                  : make_qaic_session(r.sdk);
  std::string line;
  while (protocol::Channel::read_line(line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!handle(line, r)) break;
  }
  return 0;
}
