// A stored record under its submitted model's name, an artifact's record as a precision of its
// parent model (issue 22 item 12).
#include "store/record_names.h"

#include <gtest/gtest.h>

namespace onnxbench::store {
namespace {

using nlohmann::json;

TEST(RecordNames, TheSubmittedNameAndTheParentOfAnArtifact) {
  json own = {{"model", {{"path", "/w/input-aaaa.onnx"}, {"sha256", "aaaa"}}}};
  name_record(own, "aaaa", "resnet50");
  EXPECT_EQ(own["model"]["name"], "resnet50");
  EXPECT_FALSE(own["model"].contains("parent_sha256"));

  json int8 = {{"model", {{"path", "/w/input-bbbb.onnx"}, {"sha256", "bbbb"}}}};
  name_record(int8, "aaaa", std::map<std::string, std::string>{{"aaaa", "resnet50"}});
  EXPECT_EQ(int8["model"]["name"], "resnet50");
  EXPECT_EQ(int8["model"]["parent_sha256"], "aaaa");

  json unknown = {{"model", {{"sha256", "cccc"}}}};
  name_record(unknown, "cccc", std::map<std::string, std::string>{});
  EXPECT_FALSE(unknown["model"].contains("name"));
  json no_model = {{"macs", 1}};
  name_record(no_model, "aaaa", "resnet50");
  EXPECT_EQ(no_model, json({{"macs", 1}}));
}

TEST(RecordNames, AQuantizeStagesArtifactIsInt8) {
  EXPECT_EQ(artifact_precision(json::array({"quantize", "{input}", "-o", "{output}"})), "int8");
  EXPECT_EQ(artifact_precision(json::array({"transform", "{input}"})), "");
  EXPECT_EQ(artifact_precision(json()), "");
}

}  // namespace
}  // namespace onnxbench::store
