#include "support/test_sshd.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "support/test_paths.h"

namespace onnxbench::testing {
namespace {

std::string script() { return source_dir() + "/tests/support/test_sshd.sh"; }

std::string use(const std::string& dir) {
  ::setenv("ONNXBENCH_SSH_CONFIG", (dir + "/ssh_config").c_str(), 1);
  return "ssh://onnxbench-test-sshd" + dir + "/device";
}

}  // namespace

std::string test_sshd_url() {
  const std::string dir = ONNXBENCH_TEST_SSHD_DIR;
  EXPECT_TRUE(std::filesystem::exists(dir + "/ssh_config"))
      << "the test_sshd fixture is not running (ctest starts it: ctest -R Devices)";
  return use(dir);
}

PrivateSshd::PrivateSshd() {
  char name[] = "/tmp/onnxbench-sshd-private-XXXXXX";
  if (!::mkdtemp(name)) throw std::runtime_error("cannot make a folder for a private sshd");
  dir_ = name;
  if (std::system(("bash " + script() + " start " + dir_).c_str()) != 0)
    throw std::runtime_error("the private sshd did not start");
  url_ = use(dir_);
  config_ = dir_ + "/ssh_config";
}

PrivateSshd::~PrivateSshd() {
  if (std::system(("bash " + script() + " stop " + dir_).c_str()) != 0)
    ADD_FAILURE() << "stopping the private sshd in " << dir_ << " failed";
}

void PrivateSshd::kill_server() {
  if (std::system(("bash " + script() + " kill " + dir_).c_str()) != 0)
    ADD_FAILURE() << "killing the private sshd in " << dir_ << " failed";
}

}  // namespace onnxbench::testing
