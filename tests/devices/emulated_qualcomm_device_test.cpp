// The snpe and qnn engines on devices: conversion here with the SDK's host tools, snpe-net-run
// and qnn-net-run on the device with the SDK's device binaries and libraries pushed once. The SDK
// is the emulated one (tests/support/emulated_qualcomm_sdk), the phone the EmulatedAdbServer's
// sandbox (it says aarch64 and SoC SM8350; its programs are this host's) and the board this host
// through the fixture's sshd: nothing here is a Snapdragon, and no timing is a device timing.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "core/npy.h"
#include "engines/subprocess.h"
#include "support/emulated_adb.h"
#include "support/emulated_qualcomm.h"
#include "support/run_cli.h"
#include "support/test_paths.h"
#include "support/test_sshd.h"
#include "support/wait_for_process.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using testing::run_cli;

const std::vector<std::string> kSnapdragon888{"--machine", "aarch64", "--property",
                                              "ro.soc.model=SM8350"};
constexpr const char* kPhoneWorkdir = "/data/local/tmp/onnxbench";

// Every file under `folder` with its inode: a file pushed again is a new inode (pushes land
// under a temporary name and are renamed into place).
std::map<std::string, ino_t> files_with_inodes(const std::string& folder) {
  std::map<std::string, ino_t> files;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    struct stat st {};
    if (e.is_regular_file() && ::stat(e.path().c_str(), &st) == 0)
      files[e.path().string()] = st.st_ino;
  }
  return files;
}

class EmulatedQualcommDevice : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    testing::make_emulated_qualcomm_sdk(dir_, "cpu,gpu,gpu_fp16,dsp");
    model_ = dir_ + "/conv.onnx";
    testing::write_conv_model(model_);
    input_ = dir_ + "/images.npy";
    write_npy(input_, random_tensor(DType::kFloat32, {1, 3, 5, 6}, 3));
  }
  void TearDown() override {
    testing::unset_emulated_qualcomm_sdk();
    testing::remove_scratch_dir();
  }

  // `onnxbench run` of the model on `engine` with `knobs`; returns the output tensor's bytes.
  std::string run_outputs(const std::string& engine, const std::string& knobs,
                          const std::string& device, const std::string& out) {
    const auto r = run_cli("run " + model_ + " --engine " + engine + " " + knobs + " --input " +
                           input_ + " --device " + device + " -o " + dir_ + "/" + out);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return read_file(dir_ + "/" + out + "/activations.npy");
  }

  // A board: this host through the fixture's sshd, with a workdir of this test's own.
  std::string board_url() {
    testing::test_sshd_url();  // sets ONNXBENCH_SSH_CONFIG
    return "ssh://onnxbench-test-sshd" + dir_ + "/board";
  }

  std::string dir_, model_, input_;
};

TEST_F(EmulatedQualcommDevice, PhoneDspOutputsEqualTheLocalRunAndTheSdkIsPushedOnce) {
  testing::EmulatedAdbServer phone("emulated-0", kSnapdragon888);
  const std::string local = run_outputs("snpe", "", "local", "local");
  EXPECT_EQ(run_outputs("snpe", "--set runtime=dsp", phone.url(), "phone"), local);

  const std::string cache = phone.sandbox() + kPhoneWorkdir;
  std::vector<std::string> bundles;
  for (const auto& e : fs::directory_iterator(cache + "/qualcomm"))
    bundles.push_back(
        e.path().filename().string().substr(0, e.path().filename().string().rfind('-')));
  std::sort(bundles.begin(), bundles.end());
  EXPECT_EQ(bundles, (std::vector<std::string>{"hexagon-v68", "snpe-aarch64-android"}));
  EXPECT_TRUE(fs::exists(cache + "/qualcomm"));
  const auto pushed = files_with_inodes(cache);
  EXPECT_TRUE(std::any_of(pushed.begin(), pushed.end(),
                          [](const auto& f) { return f.first.ends_with("/lib/libSNPE.so"); }));

  // A second command (a bench this time) pushes nothing: the SDK, the skeletons and the DLC are
  // there by sha256.
  const auto r = run_cli("bench " + model_ + " --engine snpe --set runtime=dsp -r 3 -w 1 --input " +
                         input_ + " --device " + phone.url() + " --json " + dir_ + "/bench.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(files_with_inodes(cache), pushed);
  const auto record = nlohmann::json::parse(read_file(dir_ + "/bench.json"));
  EXPECT_EQ(record["device"]["transport"], "adb");
  EXPECT_EQ(record["device"]["probe"]["architecture"], "aarch64");
  EXPECT_EQ(record["measure"]["requests"], 3);
  // No session folder is left on the phone.
  for (const auto& e : fs::directory_iterator(cache))
    EXPECT_NE(e.path().filename().string().rfind("onnxbench-session-", 0), 0u) << e.path();
}

TEST_F(EmulatedQualcommDevice, PhoneQnnHtpOutputsEqualTheLocalRunAndItProfiles) {
  testing::EmulatedAdbServer phone("emulated-0", kSnapdragon888);
  const std::string local = run_outputs("qnn", "", "local", "local");
  EXPECT_EQ(run_outputs("qnn", "--set backend=htp", phone.url(), "phone"), local);
  // Per-node times from qnn-profile-viewer, run here on the log pulled from the phone.
  const auto r = run_cli("profile " + model_ + " --engine qnn --set backend=htp --input " + input_ +
                         " --device " + phone.url() + " --json " + dir_ + "/profile.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto record = nlohmann::json::parse(read_file(dir_ + "/profile.json"));
  EXPECT_EQ(record["device"]["transport"], "adb");
  EXPECT_FALSE(record["layers"].empty()) << record.dump();
}

TEST_F(EmulatedQualcommDevice, BoardOverSshRunsAndBenchesWithTheSdkPushedOnce) {
  const std::string board = board_url();
  const std::string local = run_outputs("snpe", "", "local", "local");
  EXPECT_EQ(run_outputs("snpe", "", board, "board"), local);
  const auto pushed = files_with_inodes(dir_ + "/board/qualcomm");
  ASSERT_FALSE(pushed.empty());
  // This host is an x86-64 Linux machine: the SDK's x86_64-linux-clang binaries serve it.
  EXPECT_TRUE(std::any_of(pushed.begin(), pushed.end(), [](const auto& f) {
    return f.first.find("/snpe-x86_64-linux-clang-") != std::string::npos;
  }));
  const auto r = run_cli("profile " + model_ + " --engine snpe --input " + input_ + " --device " +
                         board + " --json " + dir_ + "/profile.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(files_with_inodes(dir_ + "/board/qualcomm"), pushed);
  const auto record = nlohmann::json::parse(read_file(dir_ + "/profile.json"));
  EXPECT_EQ(record["device"]["transport"], "ssh");
  EXPECT_FALSE(record["layers"].empty());
}

TEST_F(EmulatedQualcommDevice, CompareOnABoardRunsTheReferenceRunnerAndTheSdkThere) {
  const std::string board = board_url();
  const auto r = run_cli("compare " + model_ + " " + model_ +
                         " --engine opencv --candidate-engine snpe --inputs random:2" +
                         " --device " + board + " --json " + dir_ + "/compare.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Every tensor of the model, the device's candidate against the reference: the same CPU
  // computation behind .raw files, so equal.
  const auto record = nlohmann::json::parse(read_file(dir_ + "/compare.json"));
  ASSERT_EQ(record["tensors"].size(), 2u) << record.dump();  // features, activations
  for (const auto& t : record["tensors"]) EXPECT_EQ(t["max_abs_error"], 0.0) << t.dump();
  // Both engines ran on the board: opencv's runner bundle and the SDK's device binaries.
  EXPECT_TRUE(fs::exists(dir_ + "/board/runners"));
  EXPECT_TRUE(fs::exists(dir_ + "/board/qualcomm"));
}

TEST_F(EmulatedQualcommDevice, EvalFromPhoneOutputsScoresAsTheLocalRun) {
  testing::EmulatedAdbServer phone("emulated-0", kSnapdragon888);
  const std::string classifier = dir_ + "/demo.onnx";
  ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + classifier).exit_code, 0);
  Tensor labels(DType::kInt64, {6});
  for (int i = 0; i < 6; ++i) labels.as<std::int64_t>()[i] = i;
  write_npy(dir_ + "/x.npy", random_tensor(DType::kFloat32, {6, 3, 96, 96}, 5));
  write_npy(dir_ + "/y.npy", labels);
  const std::string data = " --data " + dir_ + "/x.npy --labels " + dir_ + "/y.npy --json ";
  auto r = run_cli("eval " + classifier + " --engine snpe" + data + dir_ + "/local.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_cli("eval " + classifier + " --engine snpe --set runtime=dsp --device " + phone.url() +
              data + dir_ + "/phone.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto local = nlohmann::json::parse(read_file(dir_ + "/local.json"));
  const auto on_phone = nlohmann::json::parse(read_file(dir_ + "/phone.json"));
  ASSERT_TRUE(local["run"].contains("scores")) << local.dump();
  EXPECT_EQ(on_phone["run"]["scores"], local["run"]["scores"]);
  EXPECT_EQ(on_phone["device"]["transport"], "adb");
}

TEST_F(EmulatedQualcommDevice, ADeviceWithoutTheDspRuntimeIsOneLineNamingIt) {
  // A Linux x86-64 machine has no Hexagon DSP.
  const std::string board = board_url();
  auto r = run_cli("run " + model_ + " --engine snpe --set runtime=dsp --device " + board + " -o " +
                   dir_ + "/board");
  EXPECT_TRUE(testing::is_one_line_error(
      r, {"device '" + board + "'", "runtime dsp", "names no Snapdragon SoC"}))
      << r.output;
  // A Snapdragon 8 Gen 2 (Hexagon v73), and an SDK with v68's skeletons only.
  testing::EmulatedAdbServer gen2("emulated-0",
                                  {"--machine", "aarch64", "--property", "ro.soc.model=SM8550"});
  r = run_cli("run " + model_ + " --engine snpe --set runtime=dsp --device " + gen2.url() + " -o " +
              dir_ + "/gen2");
  EXPECT_TRUE(testing::is_one_line_error(
      r, {"device '" + gen2.url() + "'", "runtime dsp", "lib/hexagon-v73/unsigned"}))
      << r.output;
}

TEST_F(EmulatedQualcommDevice, ARuntimeTheToolReportsUnavailableIsOneLineNamingTheDevice) {
  testing::make_emulated_qualcomm_sdk(dir_, "cpu");
  testing::EmulatedAdbServer phone("emulated-0", kSnapdragon888);
  const auto r = run_cli("run " + model_ + " --engine snpe --set runtime=dsp --device " +
                         phone.url() + " -o " + dir_ + "/phone");
  EXPECT_TRUE(testing::is_one_line_error(
      r, {"device '" + phone.url() + "'", "snpe-net-run", "error_code=402", "DSP"}))
      << r.output;
  EXPECT_FALSE(fs::exists(dir_ + "/phone/activations.npy"));
}

TEST_F(EmulatedQualcommDevice, ADeviceBinaryFailsAsTheLoaderDoesWithoutLdLibraryPath) {
  const std::string sdk = dir_ + "/sdk/snpe";
  const std::string copy = dir_ + "/snpe-net-run";  // as pushed: the program without the SDK
  fs::copy_file(sdk + "/bin/aarch64-oe-linux-gcc11.2/snpe-net-run", copy);
  Subprocess bare({{copy, "--version"}, "", {{"LD_LIBRARY_PATH", ""}}});
  std::string out, err;
  bare.read_to_end(out, err, std::chrono::seconds(60));
  EXPECT_EQ(bare.exit_code(), 127);
  EXPECT_NE(err.find("libSNPE.so: cannot open shared object file"), std::string::npos) << err;
  Subprocess linked(
      {{copy, "--version"}, "", {{"LD_LIBRARY_PATH", sdk + "/lib/aarch64-oe-linux-gcc11.2"}}});
  linked.read_to_end(out, err, std::chrono::seconds(60));
  EXPECT_EQ(linked.exit_code(), 0) << err;
  EXPECT_NE(out.find("SNPE v2.22"), std::string::npos) << out;
}

// Starts a 600-second snpe bench on `url`, calls `cut` once the emulated snpe-net-run computes
// on the device (with its copy of the runner, in the pushed libraries: `device_libraries`
// names their folder) and expects one line naming the device and no record.
void bench_and_cut(const std::string& model, const std::string& url, const std::string& knob,
                   const std::string& device_libraries, const std::function<void()>& cut,
                   const std::string& record) {
  Subprocess bench({{testing::build_dir() + "/onnxbench", "bench", model, "--engine", "snpe",
                     "--set", knob, "-t", "600", "--device", url, "--json", record},
                    "",
                    {}});
  EXPECT_TRUE(testing::wait_for_process(device_libraries, "onnxbench-runner-opencv"));
  cut();
  std::string out, err;
  EXPECT_EQ(bench.read_to_end(out, err, std::chrono::seconds(120)),
            Subprocess::ReadStatus::kClosed);
  const std::string output = out + err;
  EXPECT_EQ(bench.exit_code(), 1) << output;
  EXPECT_NE(output.find("onnxbench: error: device '" + url + "'"), std::string::npos) << output;
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
  EXPECT_FALSE(fs::exists(record)) << "a result from a failed run";
}

TEST_F(EmulatedQualcommDevice, APhoneGoneOfflineMidBenchIsAnErrorNamingIt) {
  testing::EmulatedAdbServer phone("emulated-0", kSnapdragon888);
  bench_and_cut(
      model_, phone.url(), "runtime=dsp", std::string(kPhoneWorkdir) + "/qualcomm/",
      [&] { phone.go_offline(); }, dir_ + "/record.json");
}

TEST_F(EmulatedQualcommDevice, ABoardWhoseSshdIsKilledMidBenchIsAnErrorNamingIt) {
  testing::PrivateSshd sshd;  // its workdir is in the sshd's folder, removed with it
  const std::string workdir = sshd.url().substr(std::string("ssh://onnxbench-test-sshd").size());
  bench_and_cut(
      model_, sshd.url(), "runtime=cpu", workdir + "/qualcomm/", [&] { sshd.kill_server(); },
      dir_ + "/record.json");
  testing::test_sshd_url();  // the fixture's config again, for the tests after this one
}

}  // namespace
}  // namespace onnxbench
