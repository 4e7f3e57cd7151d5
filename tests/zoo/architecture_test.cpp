#include "zoo/architecture.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/file_io.h"
#include "support/arch_test_util.h"

namespace onnxbench::model {
namespace {

using nlohmann::json;

json small_mobilenet() {
  return json::parse(R"({"family": "mobilenet_v2", "input_size": 32, "width_mult": 0.5,
    "num_classes": 10, "stages": [{"expansion": 1, "kernel": 3, "depth": 1, "channels": 16,
    "stride": 1}, {"expansion": 6, "kernel": 5, "depth": 2, "channels": 24, "stride": 2}]})");
}

TEST(Architecture, ReadsMobileNetV2WithDefaults) {
  const auto a = std::get<MobileNetV2Arch>(architecture_from_json(small_mobilenet(), "a.json"));
  EXPECT_EQ(a.input_size, 32);
  EXPECT_EQ(a.width_mult, 0.5);
  EXPECT_EQ(a.stem_channels, 32);
  EXPECT_EQ(a.stem_stride, 2);
  EXPECT_EQ(a.last_channels, 1280);
  ASSERT_EQ(a.stages.size(), 2u);
  EXPECT_EQ(a.stages[1], (MobileNetV2Stage{6, 5, 2, 24, 2}));
}

TEST(Architecture, JsonRoundTripsForEveryFamily) {
  for (const char* name : {"mobilenet_v2", "resnet18", "resnet50", "transformer_encoder_small"}) {
    const Architecture a = testing::shipped_architecture(name);
    EXPECT_EQ(architecture_from_json(architecture_to_json(a), "x"), a) << name;
  }
  EXPECT_EQ(family_name(testing::shipped_architecture("resnet50")), "resnet");
}

// The error a JSON edit gives, or "" when it reads.
std::string error_of(json j) {
  try {
    architecture_from_json(j, "arch.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Architecture, ErrorsNameTheFileTheFieldAndWhatWasExpected) {
  json j = small_mobilenet();
  j["family"] = "vgg";
  EXPECT_EQ(error_of(j),
            "arch.json: family: expected one of mobilenet_v2, resnet, transformer_encoder, got "
            "\"vgg\"");
  j = small_mobilenet();
  j["stages"][1]["kernel"] = 4;
  EXPECT_EQ(error_of(j), "arch.json: stages[1].kernel: expected an odd integer in [1, 15], got 4");
  j["stages"][1]["kernel"] = 0;
  EXPECT_EQ(error_of(j), "arch.json: stages[1].kernel: expected an integer in [1, 15], got 0");
  j = small_mobilenet();
  j["stages"][0]["depth"] = 0;
  EXPECT_EQ(error_of(j), "arch.json: stages[0].depth: expected an integer in [1, 100], got 0");
  j = small_mobilenet();
  j["stages"][0].erase("stride");
  EXPECT_EQ(error_of(j), "arch.json: stages[0].stride: missing");
  j = small_mobilenet();
  j["stages"] = json::array();
  EXPECT_EQ(error_of(j), "arch.json: stages: expected a non-empty array, got []");
  j = small_mobilenet();
  j["width_mul"] = 1.0;
  EXPECT_NE(error_of(j).find("arch.json: width_mul: unknown field"), std::string::npos);
  j = small_mobilenet();
  j["width_mult"] = "wide";
  EXPECT_EQ(error_of(j), "arch.json: width_mult: expected a number in [0.05, 4.0], got \"wide\"");
  EXPECT_EQ(error_of(json::array()), "arch.json: expected a JSON object, got []");
}

TEST(Architecture, ResNetAndTransformerErrors) {
  json r = json::parse(R"({"family": "resnet", "block": "basic", "depths": [2, 2],
                           "widths": [64, 128]})");
  EXPECT_EQ(error_of(r), "");
  r["widths"] = {64};
  EXPECT_EQ(error_of(r), "arch.json: widths: expected as many widths as depths (2), got 1");
  r["widths"] = {64, -1};
  EXPECT_EQ(error_of(r), "arch.json: widths[1]: expected an integer in [1, 100000], got -1");
  r["block"] = "dense";
  EXPECT_EQ(error_of(r), "arch.json: block: expected one of basic, bottleneck, got \"dense\"");
  json t = architecture_to_json(testing::small_transformer());
  EXPECT_EQ(error_of(t), "");
  t["heads"] = 5;
  EXPECT_EQ(error_of(t), "arch.json: heads: expected a divisor of d_model (32), got 5");
  t.erase("seq_len");
  t["heads"] = 4;
  EXPECT_EQ(error_of(t), "arch.json: seq_len: missing");
}

TEST(Architecture, ReadErrorsNameTheFile) {
  EXPECT_THROW(read_architecture("/nonexistent/arch.json"), InputError);
  const std::string path = testing::scratch_dir() + "/broken.json";
  write_file(path, "{\"family\": ");
  try {
    read_architecture(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ": not valid JSON", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace onnxbench::model
