// onnxbench's side of the protocol (engines/runner_replies.h): a runner's lines as RunnerClient
// classifies them, and every reply and event read the way the engine reads them. A runner that
// breaks the protocol must be an onnxbench::Error naming the field, never another exception.
#include "core/error.h"
#include "engines/engine_info.h"
#include "engines/runner_replies.h"
#include "fuzz_input.h"

namespace {

template <typename Fn>
void refused_or_read(Fn&& read) {
  try {
    read();
  } catch (const onnxbench::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace onnxbench;
  BenchRaw raw;
  for (const std::string& line : fuzz::lines_of(data, size)) {
    const RunnerMessage m = read_runner_message(line, 1);
    switch (m.kind) {
      case RunnerMessage::Kind::kEvent:
        if (m.body.at("event") == "samples")
          refused_or_read([&] { add_bench_samples(raw, m.body); });
        if (m.body.at("event") == "progress") refused_or_read([&] { read_progress(m.body); });
        break;
      case RunnerMessage::Kind::kOk:
        refused_or_read([&] { parse_engine_info(m.body); });
        refused_or_read([&] { read_load_reply(m.body); });
        refused_or_read([&] { read_infer_outputs(m.body); });
        refused_or_read([&] { read_profile(m.body); });
        refused_or_read([&] { read_bench_counts(raw, m.body); });
        break;
      case RunnerMessage::Kind::kRefused:
        if (engine_refusal(m.body).kind().empty())
          fuzz::finding("an engine refusal without a kind");
        break;
      default:
        break;
    }
  }
  return 0;
}
