// What onnxbench reads out of a runner's lines (docs/runner-protocol.md), apart from the process
// itself: pure functions on the parsed messages, so that the fuzzer reaches every one of them. A
// runner that breaks the protocol is an Error naming the message and the field, never a crash or
// an exception of the JSON library.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engines/engine.h"

namespace onnxbench {

// One line of a runner, read while request `id` is pending.
struct RunnerMessage {
  enum class Kind {
    kNotProtocol,   // not a JSON object with an "id"
    kOtherRequest,  // a late message of an earlier request
    kEvent,         // an event of this request
    kNoOk,          // this request's reply without a boolean "ok"
    kOk,            // this request succeeded
    kRefused,       // the engine refused it: engine_refusal() says why
  };
  Kind kind = Kind::kNotProtocol;
  nlohmann::json body;
};
RunnerMessage read_runner_message(const std::string& line, std::int64_t id);

// The engine's refusal {"ok": false, "error": {"kind", "message", "node"}}; a missing or mistyped
// field falls back to kind "engine", message "engine error", no node.
EngineError engine_refusal(const nlohmann::json& reply);

struct LoadReply {
  double load_ms = 0;
  int threads = 0;  // intra-op threads per session; 0: unknown
};

// Each throws Error "runner's '<op>' <reply|event>: <field>: <what was expected>".
// A `samples` event of bench, appended to the samples of its phase and instance.
void add_bench_samples(BenchRaw& raw, const nlohmann::json& event);
// A `progress` event of bench or profile.
BenchProgress read_progress(const nlohmann::json& event);
// The counts and wall times of bench's final reply.
void read_bench_counts(BenchRaw& raw, const nlohmann::json& reply);
LoadReply read_load_reply(const nlohmann::json& reply);
std::vector<OutputFile> read_infer_outputs(const nlohmann::json& reply);
// The runner's own time of the inference (0 when it does not say).
double read_infer_latency_ms(const nlohmann::json& reply);
ProfileRaw read_profile(const nlohmann::json& reply);

}  // namespace onnxbench
