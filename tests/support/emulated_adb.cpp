#include "support/emulated_adb.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_paths.h"

namespace onnxbench::testing {
namespace {

constexpr auto kAnswerTimeout = std::chrono::seconds(30);

}  // namespace

EmulatedAdbServer::EmulatedAdbServer(const std::string& serial,
                                     const std::vector<std::string>& options)
    : serial_(serial) {
  char name[] = "/tmp/onnxbench-adb-XXXXXX";
  if (!::mkdtemp(name)) throw std::runtime_error("cannot make the emulated device's folder");
  folder_ = name;
  sandbox_ = folder_ + "/device";
  ProcessSpec spec{{"python3", source_dir() + "/tests/support/emulated_adb_server.py", "--serial",
                    serial_, "--sandbox", sandbox_},
                   "",
                   {}};
  spec.argv.insert(spec.argv.end(), options.begin(), options.end());
  server_ = std::make_unique<Subprocess>(spec);
  std::string line;
  if (server_->read_line(line, kAnswerTimeout, 0) != Subprocess::ReadStatus::kLine ||
      line.rfind("port ", 0) != 0)
    throw std::runtime_error("the EmulatedAdbServer did not start: " + line);
  port_ = std::stoi(line.substr(5));
}

EmulatedAdbServer::~EmulatedAdbServer() {
  server_->finish(std::chrono::seconds(5));
  std::error_code ec;
  std::filesystem::remove_all(folder_, ec);
}

std::string EmulatedAdbServer::url() const {
  return "adb://" + serial_ + "@127.0.0.1:" + std::to_string(port_);
}

void EmulatedAdbServer::go_offline() { command("offline"); }

void EmulatedAdbServer::command(const std::string& line) {
  ASSERT_TRUE(server_->write_line(line));
  std::string answer;
  ASSERT_EQ(server_->read_line(answer, kAnswerTimeout, 0), Subprocess::ReadStatus::kLine);
  ASSERT_EQ(answer, "ok " + line);
}

}  // namespace onnxbench::testing
