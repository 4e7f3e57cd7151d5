// The runners' side of the protocol (runners/common): request lines as serve() reads them, then
// the arguments of load and bench. Every malformed request must be a RunnerError (the
// runner's bad_request or unsupported reply), never another exception.
#include "common/bench_loop.h"
#include "common/serve.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onnxbench::runner;
  for (const std::string& line : onnxbench::fuzz::lines_of(data, size)) {
    json id;
    try {
      const Request request = read_request(line, id);
      if (request.op == "load") read_load_args(request.body);
      if (request.op == "bench") parse_bench_settings(request.body);
    } catch (const RunnerError&) {
    }
  }
  return 0;
}
