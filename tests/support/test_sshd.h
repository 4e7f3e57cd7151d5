// The OpenSSH servers of the device tests (tests/support/test_sshd.sh): the CTest fixture's
// shared one, and private ones for the tests that kill theirs.
#pragma once

#include <string>

namespace onnxbench::testing {

// This host through the fixture's sshd: ssh://onnxbench-test-sshd/<fixture folder>/device. Sets
// ONNXBENCH_SSH_CONFIG to the fixture's ssh config, for this process and the onnxbench it runs.
std::string test_sshd_url();

// An sshd of its own, started in a fresh folder; the destructor stops it and removes the folder.
class PrivateSshd {
 public:
  PrivateSshd();
  ~PrivateSshd();
  PrivateSshd(const PrivateSshd&) = delete;
  PrivateSshd& operator=(const PrivateSshd&) = delete;
  // The URL of this host through it; sets ONNXBENCH_SSH_CONFIG to its config.
  const std::string& url() const { return url_; }
  const std::string& config() const { return config_; }
  // SIGKILL to sshd and every process it started (connections, sessions); the folder stays.
  void kill_server();

 private:
  std::string dir_, url_, config_;
};

}  // namespace onnxbench::testing
