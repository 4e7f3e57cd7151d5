// DeviceSession's bundles and content-named files (runner bundles, the Qualcomm SDK's device
// files, DLCs) on this host's shell through the local transport: pushed once, checked by sha256
// in one command, only what the device lacks pushed again.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>

#include "core/file_io.h"
#include "devices/device_session.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

ino_t inode(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

class DeviceBundle : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    fs::create_directories(dir_ + "/sdk");
    for (const char* name : {"snpe-net-run", "libSNPE.so", "libc++_shared.so"})
      write_file(dir_ + "/sdk/" + name, std::string("content of ") + name);
    files_ = {{"bin/snpe-net-run", dir_ + "/sdk/snpe-net-run"},
              {"lib/libSNPE.so", dir_ + "/sdk/libSNPE.so"},
              {"lib/libc++_shared.so", dir_ + "/sdk/libc++_shared.so"}};
    DeviceUrl url;  // this host, its workdir the test's own
    url.workdir = dir_ + "/device";
    session_ = std::make_shared<DeviceSession>(open_shell_transport("local", url));
  }
  void TearDown() override {
    session_.reset();
    testing::remove_scratch_dir();
  }

  std::map<std::string, ino_t> inodes(const std::string& folder) {
    std::map<std::string, ino_t> found;
    for (const auto& [name, local] : files_) found[name] = inode(folder + "/" + name);
    return found;
  }

  std::string dir_;
  DeviceSession::BundleFiles files_;
  std::shared_ptr<DeviceSession> session_;
};

TEST_F(DeviceBundle, PushedOnceIntoAFolderNamedByItsContent) {
  const auto first = session_->push_bundle("qualcomm", "snpe-aarch64-android", files_);
  EXPECT_EQ(fs::path(first.folder).parent_path(), fs::path(dir_ + "/device/qualcomm"));
  EXPECT_EQ(fs::path(first.folder).filename(),
            "snpe-aarch64-android-" + first.sha256.substr(0, 16));
  for (const auto& [name, local] : files_)
    EXPECT_EQ(read_file(first.folder + "/" + name), read_file(local.string())) << name;
  const auto before = inodes(first.folder);
  const auto again = session_->push_bundle("qualcomm", "snpe-aarch64-android", files_);
  EXPECT_EQ(again.folder, first.folder);
  EXPECT_EQ(inodes(first.folder), before);  // nothing pushed
}

TEST_F(DeviceBundle, OnlyWhatTheDeviceLacksOrHoldsWrongIsPushedAgain) {
  const auto pushed = session_->push_bundle("qualcomm", "sdk", files_);
  const auto before = inodes(pushed.folder);
  fs::remove(pushed.folder + "/lib/libSNPE.so");               // an interrupted first push
  write_file(pushed.folder + "/bin/snpe-net-run", "damaged");  // a file changed there
  session_->push_bundle("qualcomm", "sdk", files_);
  EXPECT_EQ(read_file(pushed.folder + "/lib/libSNPE.so"), "content of libSNPE.so");
  EXPECT_EQ(read_file(pushed.folder + "/bin/snpe-net-run"), "content of snpe-net-run");
  EXPECT_EQ(inode(pushed.folder + "/lib/libc++_shared.so"), before.at("lib/libc++_shared.so"));
}

TEST_F(DeviceBundle, AChangedSdkIsANewFolder) {
  const auto old_sdk = session_->push_bundle("qualcomm", "sdk", files_);
  write_file(dir_ + "/sdk/libSNPE.so", "a newer SNPE");
  const auto new_sdk = session_->push_bundle("qualcomm", "sdk", files_);
  EXPECT_NE(new_sdk.folder, old_sdk.folder);
  EXPECT_EQ(read_file(new_sdk.folder + "/lib/libSNPE.so"), "a newer SNPE");
  EXPECT_EQ(read_file(old_sdk.folder + "/lib/libSNPE.so"), "content of libSNPE.so");
}

TEST_F(DeviceBundle, ContentNamedFilesArePushedOnce) {
  const std::string dlc = dir_ + "/model.dlc";
  write_file(dlc, "a DLC");
  const std::string remote = session_->push_content(dlc, "models", ".dlc");
  EXPECT_EQ(fs::path(remote).filename().string().size(), 64u + 4u);  // <sha256>.dlc
  EXPECT_EQ(read_file(remote), "a DLC");
  const ino_t first = inode(remote);
  EXPECT_EQ(session_->push_content(dlc, "models", ".dlc"), remote);
  EXPECT_EQ(inode(remote), first);
}

}  // namespace
}  // namespace onnxbench
