// What onnxbench reads out of runner lines (engines/runner_replies.h): real replies of both
// runners read back, and a runner breaking the protocol is an onnxbench Error naming the field,
// never an exception of the JSON library ("internal error") or undefined behaviour.
#include "engines/runner_replies.h"

#include <gtest/gtest.h>

#include "support/model_test_util.h"

namespace onnxbench {
namespace {

using nlohmann::json;
using testing::contains;

template <typename Fn>
std::string error_of(Fn&& fn) {
  return testing::exception_message_of<Error>(std::forward<Fn>(fn));
}

TEST(RunnerMessages, LinesAreClassifiedForThePendingRequest) {
  using Kind = RunnerMessage::Kind;
  EXPECT_EQ(read_runner_message("not json", 3).kind, Kind::kNotProtocol);
  EXPECT_EQ(read_runner_message("[1,2]", 3).kind, Kind::kNotProtocol);
  EXPECT_EQ(read_runner_message(R"({"ok":true})", 3).kind, Kind::kNotProtocol);
  EXPECT_EQ(read_runner_message(R"({"id":2,"ok":true})", 3).kind, Kind::kOtherRequest);
  EXPECT_EQ(read_runner_message(R"({"id":3,"event":"progress"})", 3).kind, Kind::kEvent);
  EXPECT_EQ(read_runner_message(R"({"id":3,"ok":"yes"})", 3).kind, Kind::kNoOk);
  EXPECT_EQ(read_runner_message(R"({"id":3,"ok":true,"load_ms":1})", 3).kind, Kind::kOk);
  EXPECT_EQ(read_runner_message(R"({"id":3,"ok":false})", 3).kind, Kind::kRefused);
}

TEST(RunnerMessages, ARefusalWithMistypedFieldsFallsBack) {
  const EngineError full = engine_refusal(json::parse(
      R"({"id":1,"ok":false,"error":{"kind":"io","message":"x.npy: gone","node":"c"}})"));
  EXPECT_EQ(full.kind(), "io");
  EXPECT_STREQ(full.what(), "x.npy: gone");
  EXPECT_EQ(full.node(), "c");
  // Found by reading the old code for the fuzzer: "error" as a string, or a numeric kind, was
  // a json type_error that ended in "internal error".
  for (const char* reply : {R"({"id":1,"ok":false,"error":"boom"})",
                            R"({"id":1,"ok":false,"error":{"kind":7,"message":[1]}})"}) {
    const EngineError e = engine_refusal(json::parse(reply));
    EXPECT_EQ(e.kind(), "engine") << reply;
    EXPECT_STREQ(e.what(), "engine error") << reply;
  }
}

TEST(RunnerReplies, RealRepliesReadBack) {
  BenchRaw raw;
  add_bench_samples(raw, json::parse(R"({"event":"samples","id":4,"instance":1,
      "latency_us":[85.1,112.8],"phase":"warmup","stages":{"forward":[80.9,27.2]}})"));
  add_bench_samples(raw, json::parse(R"({"event":"samples","id":4,"instance":0,
      "latency_us":[37.0],"phase":"measure"})"));
  ASSERT_EQ(raw.warmup.size(), 2u);
  EXPECT_EQ(raw.warmup[1].latency_us, (std::vector<double>{85.1, 112.8}));
  EXPECT_EQ(raw.warmup[1].stages_us["forward"], (std::vector<double>{80.9, 27.2}));
  EXPECT_EQ(raw.measure.at(0).latency_us, std::vector<double>{37.0});
  read_bench_counts(raw, json::parse(R"({"id":4,"measure":{"count":6,"wall_ms":0.89},"ok":true,
      "warmup":{"count":4,"wall_ms":3.5}})"));
  EXPECT_EQ(raw.measure_count, 6);
  EXPECT_DOUBLE_EQ(raw.warmup_wall_ms, 3.5);

  const BenchProgress p =
      read_progress(json::parse(R"({"id":5,"event":"progress","phase":"profile","done":3,
      "elapsed_ms":16.8})"));
  EXPECT_EQ(p.phase, "profile");
  EXPECT_EQ(p.done, 3);

  const auto outputs = read_infer_outputs(json::parse(R"({"id":3,"ok":true,"outputs":[
      {"dtype":"float32","name":"logits","path":"/w/logits.npy","shape":[1,3]}]})"));
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(outputs[0].name, "logits");
  EXPECT_EQ(outputs[0].shape, (Shape{1, 3}));

  const ProfileRaw profile = read_profile(json::parse(R"({"id":5,"ok":true,"total_us":[989,892],
      "layers":[{"name":"gemm","op_type":"Gemm","samples_us":[4,4]}]})"));
  EXPECT_EQ(profile.total_us, (std::vector<double>{989, 892}));
  EXPECT_EQ(profile.layers.at(0).op_type, "Gemm");

  const LoadReply load =
      read_load_reply(json::parse(R"({"id":2,"ok":true,"load_ms":405.7,"threads":1})"));
  EXPECT_EQ(load.threads, 1);
}

TEST(RunnerReplies, ABrokenReplyNamesTheField) {
  BenchRaw raw;
  // A float instance used to be converted to int unchecked (undefined behaviour for 1e300).
  EXPECT_TRUE(
      contains(error_of([&] {
                 add_bench_samples(raw, json::parse(R"({"instance":1e300,"latency_us":[]})"));
               }),
               "runner's 'bench' samples event: instance: expected an integer in [0, 4096]"));
  EXPECT_TRUE(contains(error_of([&] {
                         add_bench_samples(raw,
                                           json::parse(R"({"instance":0,"latency_us":["a"]})"));
                       }),
                       "latency_us: expected an array of numbers"));
  EXPECT_TRUE(contains(error_of([&] {
                         add_bench_samples(raw, json::parse(R"({"instance":0,"latency_us":[1],
                             "stages":{"run":{"x":1}}})"));
                       }),
                       "stages.run: expected an array of numbers"));
  EXPECT_TRUE(
      contains(error_of([&] { read_progress(json::parse(R"({"phase":"measure","done":1e30})")); }),
               "progress event: done: expected an integer"));
  EXPECT_TRUE(contains(error_of([&] { read_bench_counts(raw, json::parse(R"({"warmup":3})")); }),
                       "'bench' reply: warmup: expected a JSON object"));
  EXPECT_TRUE(contains(
      error_of([&] { read_infer_outputs(json::parse(R"({"outputs":[{"name":"y","path":7}]})")); }),
      "'infer' reply: outputs[0].path: expected a string"));
  EXPECT_TRUE(contains(error_of([&] {
                         read_infer_outputs(
                             json::parse(R"({"outputs":[{"name":"y","path":"p","shape":[2.5]}]})"));
                       }),
                       "outputs[0].shape: expected an integer"));
  EXPECT_TRUE(
      contains(error_of([&] { read_profile(json::parse(R"({"total_us":[1],"layers":{}})")); }),
               "'profile' reply: layers: expected an array"));
  EXPECT_TRUE(contains(error_of([&] { read_load_reply(json::parse(R"({"threads":-1e300})")); }),
                       "'load' reply: threads: expected an integer"));
}

TEST(RunnerReplies, AHelloWithAFloatBoundIsAProtocolError) {
  const std::string e = error_of([] {
    parse_engine_info(json::parse(R"({"engine":"x","engine_version":"1","capabilities":{},
        "knobs":[{"name":"threads","type":"int","max":1e300}]})"));
  });
  EXPECT_TRUE(contains(e, "knob 'threads': max: expected an integer")) << e;
}

}  // namespace
}  // namespace onnxbench
