#include "engines/runner_replies.h"

#include "core/error.h"
#include "core/json_fields.h"

namespace onnxbench {
namespace {

using nlohmann::json;

// The largest instance index a samples event may name (runners start at most 256 instances).
constexpr std::int64_t kMaxInstance = 4096;
constexpr std::int64_t kMaxCount = std::int64_t{1} << 53;

JsonFields fields(const json& message, const std::string& what, const std::string& path = "") {
  return JsonFields(message, "runner's " + what, path);
}

// An array of numbers (may be empty).
std::vector<double> numbers(const JsonFields& f, const std::string& field) {
  const json& v = f.value(field);
  if (!v.is_array()) f.fail(field, "expected an array of numbers, got " + v.dump());
  std::vector<double> out;
  out.reserve(v.size());
  for (const auto& x : v) {
    if (!x.is_number()) f.fail(field, "expected an array of numbers, holds " + x.dump());
    out.push_back(x.get<double>());
  }
  return out;
}

std::string optional_text(const JsonFields& f, const std::string& field) {
  if (!f.has(field)) return "";
  const json& v = f.value(field);
  if (!v.is_string()) f.fail(field, "expected a string, got " + v.dump());
  return v.get<std::string>();
}

std::string text(const JsonFields& f, const std::string& field) {
  f.value(field);  // missing: an error
  return optional_text(f, field);
}

}  // namespace

RunnerMessage read_runner_message(const std::string& line, std::int64_t id) {
  RunnerMessage m;
  m.body = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!m.body.is_object() || !m.body.contains("id")) {
    m.body = json();
    return m;
  }
  if (m.body["id"] != id) {
    m.kind = RunnerMessage::Kind::kOtherRequest;
  } else if (m.body.contains("event")) {
    m.kind = RunnerMessage::Kind::kEvent;
  } else if (!m.body.contains("ok") || !m.body["ok"].is_boolean()) {
    m.kind = RunnerMessage::Kind::kNoOk;
  } else {
    m.kind = m.body["ok"].get<bool>() ? RunnerMessage::Kind::kOk : RunnerMessage::Kind::kRefused;
  }
  return m;
}

EngineError engine_refusal(const json& reply) {
  const json* error = reply.is_object() && reply.contains("error") ? &reply["error"] : nullptr;
  auto field = [&](const char* name, const char* fallback) {
    if (!error || !error->is_object() || !error->contains(name) || !(*error)[name].is_string())
      return std::string(fallback);
    return (*error)[name].get<std::string>();
  };
  return EngineError(field("kind", "engine"), field("message", "engine error"), field("node", ""));
}

void add_bench_samples(BenchRaw& raw, const json& event) {
  const JsonFields f = fields(event, "'bench' samples event");
  const std::string phase_name = f.has("phase") ? f.text("phase", {"warmup", "measure"}) : "";
  auto& phase = phase_name == "warmup" ? raw.warmup : raw.measure;
  const auto instance = static_cast<int>(f.integer("instance", 0, kMaxInstance));
  if (phase.size() <= static_cast<std::size_t>(instance)) phase.resize(instance + 1);
  InstanceSamples& s = phase[instance];
  s.instance = instance;
  const std::vector<double> latencies = numbers(f, "latency_us");
  s.latency_us.insert(s.latency_us.end(), latencies.begin(), latencies.end());
  if (f.has("end_us")) {
    const std::vector<double> ends = numbers(f, "end_us");
    if (ends.size() != latencies.size())
      f.fail("end_us", "expected one value per latency (" + std::to_string(latencies.size()) +
                           "), got " + std::to_string(ends.size()));
    s.end_us.insert(s.end_us.end(), ends.begin(), ends.end());
  }
  if (!f.has("stages")) return;
  const JsonFields stages = fields(f.value("stages"), "'bench' samples event", "stages");
  for (const auto& [stage, values] : f.value("stages").items()) {
    const std::vector<double> v = numbers(stages, stage);
    auto& dst = s.stages_us[stage];
    dst.insert(dst.end(), v.begin(), v.end());
  }
}

BenchProgress read_progress(const json& event) {
  const JsonFields f = fields(event, "progress event");
  return {optional_text(f, "phase"), f.integer("done", 0, kMaxCount, 0),
          f.number("elapsed_ms", 0, 1e15, 0)};
}

void read_bench_counts(BenchRaw& raw, const json& reply) {
  const JsonFields f = fields(reply, "'bench' reply");
  const JsonFields warmup = fields(f.value("warmup"), "'bench' reply", "warmup");
  const JsonFields measure = fields(f.value("measure"), "'bench' reply", "measure");
  raw.warmup_count = warmup.integer("count", 0, kMaxCount, 0);
  raw.warmup_wall_ms = warmup.number("wall_ms", 0, 1e15, 0);
  raw.measure_count = measure.integer("count", 0, kMaxCount, 0);
  raw.measure_wall_ms = measure.number("wall_ms", 0, 1e15, 0);
}

LoadReply read_load_reply(const json& reply) {
  const JsonFields f = fields(reply, "'load' reply");
  return {f.number("load_ms", 0, 1e15, 0), static_cast<int>(f.integer("threads", 0, 1 << 20, 0))};
}

std::vector<OutputFile> read_infer_outputs(const json& reply) {
  const JsonFields f = fields(reply, "'infer' reply");
  const json& outputs = f.value("outputs");
  if (!outputs.is_array()) f.fail("outputs", "expected an array, got " + outputs.dump());
  std::vector<OutputFile> files;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const JsonFields o = fields(outputs[i], "'infer' reply", f.where("outputs", i));
    OutputFile file{text(o, "name"), text(o, "path"), optional_text(o, "dtype"), {}};
    if (o.has("shape")) {
      const json& shape = o.value("shape");
      if (!shape.is_array()) o.fail("shape", "expected an array of sizes, got " + shape.dump());
      for (const auto& d : shape) {
        if (const std::string problem = integer_problem(d, 0, kMaxCount); !problem.empty())
          o.fail("shape", problem);
        file.shape.push_back(d.get<std::int64_t>());
      }
    }
    files.push_back(std::move(file));
  }
  return files;
}

double read_infer_latency_ms(const json& reply) {
  return fields(reply, "'infer' reply").number("latency_us", 0, 1e15, 0) / 1000.0;
}

ProfileRaw read_profile(const json& reply) {
  const JsonFields f = fields(reply, "'profile' reply");
  ProfileRaw p;
  p.total_us = numbers(f, "total_us");
  const json& layers = f.value("layers");
  if (!layers.is_array()) f.fail("layers", "expected an array, got " + layers.dump());
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const JsonFields l = fields(layers[i], "'profile' reply", f.where("layers", i));
    p.layers.push_back({text(l, "name"), optional_text(l, "op_type"), numbers(l, "samples_us")});
  }
  return p;
}

}  // namespace onnxbench
