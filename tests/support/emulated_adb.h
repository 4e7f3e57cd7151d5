// The EmulatedAdbServer of the adb tests (tests/support/emulated_adb_server.py): a test double
// of the adb server on a loopback port whose one device is a sandbox folder. Debian's real adb
// client drives it (adb -H 127.0.0.1 -P PORT, which never starts a server of its own).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engines/subprocess.h"

namespace onnxbench::testing {

class EmulatedAdbServer {
 public:
  // `options`: more of emulated_adb_server.py's options (--property K=V, --machine ARCH).
  explicit EmulatedAdbServer(const std::string& serial = "emulated-0",
                             const std::vector<std::string>& options = {});
  ~EmulatedAdbServer();  // stops the server and removes the sandbox
  EmulatedAdbServer(const EmulatedAdbServer&) = delete;
  EmulatedAdbServer& operator=(const EmulatedAdbServer&) = delete;

  int port() const { return port_; }
  // adb://SERIAL@127.0.0.1:PORT
  std::string url() const;
  const std::string& sandbox() const { return sandbox_; }
  // The device goes away: its streams are cut, its commands killed, its state "offline".
  void go_offline();

 private:
  void command(const std::string& line);

  std::string serial_, folder_, sandbox_;
  std::unique_ptr<Subprocess> server_;
  int port_ = 0;
};

}  // namespace onnxbench::testing
