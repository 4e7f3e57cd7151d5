#include <gtest/gtest.h>

#include "devices/transport.h"

namespace onnxbench {
namespace {

std::string refusal(const std::string& url) {
  try {
    DeviceUrl::parse(url);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(DeviceUrl, LocalIsTheDefaultKind) {
  const DeviceUrl d = DeviceUrl::parse("local");
  EXPECT_EQ(d.kind, DeviceUrl::Kind::kLocal);
  EXPECT_EQ(d.str(), "local");
  EXPECT_EQ(d.kind_name(), "local");
}

TEST(DeviceUrl, SshWithEveryPart) {
  const DeviceUrl d = DeviceUrl::parse("ssh://pi@board.lan:2222/home/pi/bench");
  EXPECT_EQ(d.kind, DeviceUrl::Kind::kSsh);
  EXPECT_EQ(d.user, "pi");
  EXPECT_EQ(d.host, "board.lan");
  EXPECT_EQ(d.port, 2222);
  EXPECT_EQ(d.workdir, "/home/pi/bench");
  EXPECT_EQ(d.str(), "ssh://pi@board.lan:2222/home/pi/bench");
  EXPECT_EQ(d.kind_name(), "ssh");
}

TEST(DeviceUrl, SshHostAliasAlone) {
  const DeviceUrl d = DeviceUrl::parse("ssh://rvc4");
  EXPECT_EQ(d.host, "rvc4");
  EXPECT_TRUE(d.user.empty());
  EXPECT_EQ(d.port, 0);
  EXPECT_TRUE(d.workdir.empty());
  EXPECT_EQ(d.str(), "ssh://rvc4");
}

TEST(DeviceUrl, SshIpv6Host) {
  const DeviceUrl d = DeviceUrl::parse("ssh://root@[::1]:22");
  EXPECT_EQ(d.host, "::1");
  EXPECT_EQ(d.port, 22);
  EXPECT_EQ(d.str(), "ssh://root@[::1]:22");
}

TEST(DeviceUrl, AdbSerialAloneAndWithServer) {
  const DeviceUrl local_server = DeviceUrl::parse("adb://R58M12345");
  EXPECT_EQ(local_server.kind, DeviceUrl::Kind::kAdb);
  EXPECT_EQ(local_server.serial, "R58M12345");
  EXPECT_TRUE(local_server.host.empty());
  EXPECT_EQ(local_server.str(), "adb://R58M12345");

  const DeviceUrl remote = DeviceUrl::parse("adb://emulator-5554@127.0.0.1:15037");
  EXPECT_EQ(remote.serial, "emulator-5554");
  EXPECT_EQ(remote.host, "127.0.0.1");
  EXPECT_EQ(remote.port, 15037);
  EXPECT_EQ(remote.str(), "adb://emulator-5554@127.0.0.1:15037");
}

TEST(DeviceUrl, AdbSerialOfANetworkDeviceKeepsItsColon) {
  const DeviceUrl d = DeviceUrl::parse("adb://192.168.1.20:5555/data/local/tmp/x");
  EXPECT_EQ(d.serial, "192.168.1.20:5555");
  EXPECT_EQ(d.workdir, "/data/local/tmp/x");
}

TEST(DeviceUrl, APasswordIsRefusedAndNotRepeatedAsAField) {
  const std::string message = refusal("ssh://pi:hunter2@board");
  EXPECT_NE(message.find("password"), std::string::npos) << message;
  EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
  EXPECT_NE(message.find("ssh://pi:***@board"), std::string::npos) << message;
}

TEST(DeviceUrl, MalformedUrlsNameWhatWasExpected) {
  for (const char* url :
       {"board", "http://board", "ssh://", "ssh://host:0", "ssh://host:99999", "ssh://host:22x",
        "adb://", "adb://serial@", "ssh://ho st", "ssh://host/tmp/$(reboot)", "ssh://[::1"}) {
    const std::string message = refusal(url);
    EXPECT_NE(message.find(std::string("device URL '") + url + "'"), std::string::npos) << url;
    EXPECT_NE(message.find("expected local, ssh://"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace onnxbench
