#include "zoo/zoo_catalog.h"

#include <gtest/gtest.h>

#include <set>

#include "core/error.h"
#include "core/text.h"

namespace onnxbench::model {
namespace {

PythonEnvironment debian_without_transformers() {
  return parse_probe("/usr/bin/python3", R"({"python_version": "3.11.2", "torch": "1.13.0a0",
    "torchvision": "0.14.1a0", "classifiers": ["resnet50", "alexnet", "convnext_tiny"],
    "opsets": [7, 17], "checkpoints_dir": "/root/.cache/torch/hub/checkpoints",
    "pretrained_cached": ["alexnet"], "transformers_error": "No module named 'transformers'"})");
}

const ZooEntry& entry(const std::string& name) {
  for (const auto& e : zoo_catalog())
    if (e.name == name) return e;
  throw std::runtime_error("no catalog entry " + name);
}

TEST(ZooCatalog, HasSeed003sFiftyThreeNamesOnceEach) {
  const auto& catalog = zoo_catalog();
  ASSERT_EQ(catalog.size(), 53u);
  EXPECT_EQ(catalog.front().name, "alexnet");
  EXPECT_EQ(catalog.back().name, "wide_resnet50_2");
  std::set<std::string> names;
  for (const auto& e : catalog) names.insert(e.name);
  EXPECT_EQ(names.size(), 53u);
}

TEST(ZooCatalog, TheDashedNamesComeFromHuggingFace) {
  std::set<std::string> hugging_face;
  for (const auto& e : zoo_catalog()) {
    EXPECT_EQ(e.source == ZooSource::kHuggingFace, !e.hub_id.empty()) << e.name;
    if (e.source == ZooSource::kHuggingFace) hugging_face.insert(e.name);
  }
  EXPECT_EQ(hugging_face,
            (std::set<std::string>{"resnet-50", "resnet-152", "vit-base-patch16-224"}));
  EXPECT_EQ(entry("resnet-50").hub_id, "microsoft/resnet-50");
  EXPECT_EQ(entry("vit-base-patch16-224").hub_id, "google/vit-base-patch16-224");
  EXPECT_EQ(source_display_name(ZooSource::kHuggingFace), "Hugging Face");
  EXPECT_EQ(source_id(ZooSource::kHuggingFace), "huggingface");
}

TEST(ZooCatalog, ParsesTheProbeReport) {
  const PythonEnvironment env = debian_without_transformers();
  EXPECT_EQ(env.python, "/usr/bin/python3");
  EXPECT_EQ(env.torchvision_version, "0.14.1a0");
  EXPECT_EQ(env.torchvision_models,
            (std::vector<std::string>{"alexnet", "convnext_tiny", "resnet50"}));
  EXPECT_EQ(env.min_opset, 7);
  EXPECT_EQ(env.max_opset, 17);
  EXPECT_EQ(env.pretrained_cached, (std::set<std::string>{"alexnet"}));
  EXPECT_TRUE(env.transformers_version.empty());

  const PythonEnvironment bare = parse_probe("python3", R"({"torch": null, "opsets": "x"})");
  EXPECT_TRUE(bare.torch_version.empty());
  EXPECT_EQ(bare.max_opset, 0);
  EXPECT_THROW(parse_probe("python3", "Traceback (most recent call last):"), Error);
}

TEST(ZooCatalog, ResolvesCatalogNamesAndOtherTorchvisionClassifiers) {
  const PythonEnvironment env = debian_without_transformers();
  EXPECT_EQ(resolve_zoo_name("resnet-50", env)->source, ZooSource::kHuggingFace);
  EXPECT_EQ(resolve_zoo_name("convnext_tiny", env)->source, ZooSource::kTorchvision);
  EXPECT_FALSE(resolve_zoo_name("resnet-18", env));
}

TEST(ZooCatalog, AvailabilityNamesWhatToInstall) {
  PythonEnvironment env = debian_without_transformers();
  EXPECT_TRUE(availability(entry("resnet50"), env).available);

  const Availability missing_builder = availability(entry("vgg16"), env);
  EXPECT_FALSE(missing_builder.available);
  EXPECT_NE(missing_builder.reason.find("torchvision 0.14.1a0 has no builder 'vgg16'"),
            std::string::npos)
      << missing_builder.reason;

  const Availability hf = availability(entry("resnet-50"), env);
  EXPECT_FALSE(hf.available);
  EXPECT_NE(hf.reason.find("'transformers' is not installed for /usr/bin/python3"),
            std::string::npos)
      << hf.reason;
  EXPECT_NE(hf.reason.find("apt-get install python3-transformers"), std::string::npos);

  env.transformers_version = "4.29.2";
  EXPECT_TRUE(availability(entry("resnet-50"), env).available);

  env.torch_version.clear();
  env.torchvision_error = "No module named 'torch'";
  const Availability no_torch = availability(entry("resnet50"), env);
  EXPECT_FALSE(no_torch.available);
  EXPECT_EQ(no_torch.reason, python_problem(env));
  EXPECT_NE(no_torch.reason.find("No module named 'torch'"), std::string::npos);
  EXPECT_NE(no_torch.reason.find("python3-torchvision"), std::string::npos);

  env.python_error = "cannot run the Python interpreter /nope (not found)";
  EXPECT_EQ(availability(entry("resnet-50"), env).reason, env.python_error);
  EXPECT_EQ(python_problem(debian_without_transformers()), "");
}

TEST(ZooCatalog, CloseMatchesIgnoreCaseDashesAndUnderscores) {
  std::vector<std::string> names;
  for (const auto& e : zoo_catalog()) names.push_back(e.name);
  EXPECT_EQ(close_matches("resnet-18", names).front(), "resnet18");
  EXPECT_EQ(close_matches("ResNet_18", names).front(), "resnet18");
  const auto typo = close_matches("resnt50", names);
  EXPECT_EQ(std::set<std::string>(typo.begin(), typo.begin() + 2),
            (std::set<std::string>{"resnet50", "resnet-50"}));
  EXPECT_EQ(close_matches("vit-base", names), (std::vector<std::string>{"vit-base-patch16-224"}));
  EXPECT_EQ(close_matches("resnet", names).size(), 5u);
  EXPECT_EQ(close_matches("resnet", names, 2).size(), 2u);
  EXPECT_TRUE(close_matches("yolov8", names).empty());
}

}  // namespace
}  // namespace onnxbench::model
