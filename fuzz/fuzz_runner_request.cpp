// The OpenCV runner's side of the protocol (runners/opencv): request lines as main() reads them,
// then the arguments of load and bench. Every malformed request must be a RunnerError (the
// runner's bad_request or unsupported reply), never another exception.
#include "bench.h"
#include "fuzz_input.h"
#include "request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onnxbench::opencv_runner;
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
