// onnxbench zoo list and zoo export end to end, with Debian's /usr/bin/python3 and torchvision.
// Only small models are exported (squeezenet1_1, mobilenet_v3_small), each once per test run, and
// nothing is fetched from a network: pretrained weights come from a torch hub cache the test
// fills, and the one download attempt goes to a proxy that refuses it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <thread>

#include "core/file_io.h"
#include "core/npy.h"
#include "support/run_cli.h"
#include "support/test_paths.h"
#include "zoo/zoo_catalog.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::run_cli;

bool python_has_torchvision() {
  static const bool has = std::system(
                              "/usr/bin/python3 -c 'import torch, torchvision' "
                              ">/dev/null 2>&1") == 0;
  return has;
}

bool contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

// Alive and not a zombie waiting for a parent that may never reap it.
bool running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

// Sets an environment variable (or unsets it, for nullopt) for the life of the object.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    set(value);
  }
  ~ScopedEnv() { set(old_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  void set(const std::optional<std::string>& value) {
    if (value)
      ::setenv(name_.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name_.c_str());
  }
  std::string name_;
  std::optional<std::string> old_;
};

class ZooCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!python_has_torchvision())
      GTEST_SKIP() << "/usr/bin/python3 cannot import torch and torchvision (Debian packages "
                   << "python3-torch, python3-torchvision): zoo tests skipped";
    dir_ = testing::scratch_dir();
  }
  nlohmann::json list_json() {
    const CliResult r = run_cli("zoo list --json -");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return nlohmann::json::parse(r.output);
  }
  std::string dir_;
};

TEST(ZooCliHelp, EveryZooCommandHasHelp) {
  for (const char* cmd : {"zoo", "zoo list", "zoo export", "zoo generate", "zoo sample"}) {
    const CliResult r = run_cli(std::string(cmd) + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_TRUE(contains(r.output, "Usage")) << cmd << r.output;
  }
  EXPECT_TRUE(contains(run_cli("zoo export --help").output, "--weights"));
}

TEST(ZooCliHelp, BadSizesAreOneLineErrorsBeforeAnyPython) {
  const CliResult r = run_cli("zoo export squeezenet1_1 --out /nonexistent --image-size 16");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output,
            "onnxbench: error: --image-size 16: must be between 32 and 4096 (the classifiers "
            "downsample by 32)\n");
  EXPECT_NE(run_cli("zoo export squeezenet1_1 --out /tmp --weights imagenet").exit_code, 0);
}

TEST(ZooCliHelp, AMissingInterpreterIsNamedWithWhatToInstall) {
  ScopedEnv python("ONNXBENCH_PYTHON", "/nonexistent/python3");
  const CliResult r = run_cli("zoo export squeezenet1_1 --out /tmp/onnxbench-never-written");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output,
                       "cannot run the Python interpreter /nonexistent/python3 "
                       "(not found)"))
      << r.output;
  EXPECT_TRUE(contains(r.output, "python3-torchvision")) << r.output;
  const CliResult list = run_cli("zoo list");
  EXPECT_EQ(list.exit_code, 0) << list.output;
  EXPECT_TRUE(contains(list.output, "resnet50")) << list.output;
}

TEST(ZooCliHelp, SigtermStopsTheHelpersWholeProcessGroup) {
  // A stand-in interpreter that starts a child of its own and never answers.
  const std::string dir = testing::scratch_dir();
  const std::string fake = dir + "/python3", pid_file = dir + "/child.pid";
  write_file(fake, "#!/bin/sh\nsleep 1000 &\necho $! > " + pid_file + "\nwait\n");
  fs::permissions(fake, fs::perms::owner_all);
  const std::string command = "ONNXBENCH_PYTHON=" + fake + " timeout --preserve-status -s TERM 3 " +
                              testing::build_dir() + "/onnxbench zoo list 2>&1";
  const auto start = std::chrono::steady_clock::now();
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) output.append(buf, n);
  const int status = ::pclose(pipe);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 143) << output;
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
  const pid_t child = std::stoi(read_file(pid_file));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (running(child) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(running(child)) << "the helper's child " << child << " outlived onnxbench";
}

TEST_F(ZooCli, ListShowsEverySeedNameWithItsSourceAndAvailability) {
  const nlohmann::json j = list_json();
  const auto& catalog = model::zoo_catalog();
  ASSERT_EQ(j["models"].size(), catalog.size());
  ASSERT_EQ(catalog.size(), 53u);
  const bool has_transformers = !j["transformers"].is_null();
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const auto& m = j["models"][i];
    EXPECT_EQ(m["name"], catalog[i].name);
    EXPECT_EQ(m["source"], model::source_id(catalog[i].source));
    if (catalog[i].source == model::ZooSource::kTorchvision) {
      EXPECT_TRUE(m["available"].get<bool>()) << m.dump();
    } else if (!has_transformers) {
      EXPECT_FALSE(m["available"].get<bool>()) << m.dump();
      EXPECT_TRUE(contains(m["reason"].get<std::string>(), "'transformers' is not installed"))
          << m.dump();
    }
  }

  const CliResult text = run_cli("zoo list");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  for (const auto& e : catalog)
    EXPECT_TRUE(std::regex_search(
        text.output, std::regex("\n" + e.name + " +" + model::source_display_name(e.source))))
        << e.name;
  EXPECT_TRUE(contains(text.output, "zoo export also takes torchvision's other classifiers"));
}

// One test, so that the two models are exported once even when each test runs on its own.
TEST_F(ZooCli, ExportsEachModelDespiteAnUnknownNameAndEachRunsOnOnnxRuntime) {
  const std::string out = testing::build_dir() + "/models/zoo-cli";
  fs::remove_all(out);
  const CliResult r =
      run_cli("zoo export squeezenet1_1 resnet-18x mobilenet_v3_small --out " + out);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(
      contains(r.output, "onnxbench: error: unknown model 'resnet-18x'; close matches: resnet18"))
      << r.output;
  EXPECT_TRUE(contains(r.output, "onnxbench: error: 1 of 3 exports failed: resnet-18x\n"))
      << r.output;
  EXPECT_FALSE(fs::exists(out + "/resnet-18x.onnx"));
  for (const std::string name : {"squeezenet1_1", "mobilenet_v3_small"}) {
    const std::string model = out + "/" + name + ".onnx";
    EXPECT_TRUE(std::regex_search(
        r.output, std::regex("exported " + name + " in [0-9]+\\.[0-9] s -> " + model)))
        << r.output;
    EXPECT_FALSE(fs::exists(model + ".part"));
    const CliResult run = run_cli("run " + model + " --engine onnxruntime -o " + dir_ + "/" + name);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_EQ(read_npy(dir_ + "/" + name + "/output.npy").shape, (Shape{1, 1000})) << name;
  }
}

TEST_F(ZooCli, PretrainedWeightsOutsideTheCacheFailFastWithoutANetwork) {
  ScopedEnv home("TORCH_HOME", dir_ + "/torch");
  // Any download attempt goes to a proxy that refuses it: deterministic, and no network.
  ScopedEnv proxy("https_proxy", "http://127.0.0.1:9");
  ScopedEnv proxy_upper("HTTPS_PROXY", "http://127.0.0.1:9");
  ScopedEnv no_proxy("no_proxy", std::nullopt);
  ScopedEnv no_proxy_upper("NO_PROXY", std::nullopt);
  const auto start = std::chrono::steady_clock::now();
  const CliResult r = run_cli("zoo export squeezenet1_1 --weights pretrained --out " + dir_);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output,
                       "onnxbench: error: pretrained weights for squeezenet1_1 are "
                       "not in the local cache (" +
                           dir_ + "/torch/hub/checkpoints)"))
      << r.output;
  EXPECT_TRUE(contains(r.output, "the weights hub cannot be reached: ")) << r.output;
  EXPECT_TRUE(contains(r.output, "use --weights random")) << r.output;
  EXPECT_LT(took.count(), 60.0);
  EXPECT_FALSE(fs::exists(dir_ + "/squeezenet1_1.onnx"));
}

TEST_F(ZooCli, PretrainedWeightsComeFromTheLocalCache) {
  ScopedEnv home("TORCH_HOME", dir_ + "/torch");
  ScopedEnv proxy("https_proxy", "http://127.0.0.1:9");
  ScopedEnv proxy_upper("HTTPS_PROXY", "http://127.0.0.1:9");
  // Stand-in weights under the file name torchvision looks for.
  ASSERT_EQ(std::system("/usr/bin/python3 -c '"
                        "import os, torch, torchvision.models as m\n"
                        "from urllib.parse import urlparse\n"
                        "url = m.get_model_weights(\"squeezenet1_1\").DEFAULT.url\n"
                        "d = os.path.join(torch.hub.get_dir(), \"checkpoints\")\n"
                        "os.makedirs(d)\n"
                        "path = os.path.join(d, os.path.basename(urlparse(url).path))\n"
                        "torch.save(m.squeezenet1_1().state_dict(), path)'"),
            0);
  for (const auto& m : list_json()["models"])
    if (m["name"] == "squeezenet1_1") {
      EXPECT_EQ(m["pretrained_cached"], true);
    }
  const CliResult r = run_cli("zoo export squeezenet1_1 --weights pretrained --out " + dir_);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir_ + "/squeezenet1_1.onnx"));
}

TEST_F(ZooCli, HuggingFaceNamesNeedTransformers) {
  if (std::system("/usr/bin/python3 -c 'import transformers' >/dev/null 2>&1") == 0)
    GTEST_SKIP() << "transformers is installed here";
  const CliResult r = run_cli("zoo export resnet-50 --out " + dir_);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output,
                       "onnxbench: error: resnet-50 is a Hugging Face model "
                       "(microsoft/resnet-50): the Python module 'transformers' is "
                       "not installed for /usr/bin/python3 (apt-get install "
                       "python3-transformers if your Debian has it"))
      << r.output;
}

TEST_F(ZooCli, AnOpsetTorchCannotWriteIsAOneLineError) {
  const CliResult r = run_cli("zoo export squeezenet1_1 --opset 99 --out " + dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(std::regex_match(
      r.output, std::regex("onnxbench: error: --opset 99: torch [^ ]+ exports opsets [0-9]+ to "
                           "[0-9]+\n")))
      << r.output;
}

}  // namespace
}  // namespace onnxbench
