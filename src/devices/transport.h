// A device is a named place to measure; a transport is how onnxbench reaches it: this host
// (local), a machine over OpenSSH's own clients (ssh://) or an Android device through Debian's
// adb client (adb://). Every engine that runs somewhere else goes through this one interface.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "engines/subprocess.h"

namespace onnxbench {

// ssh://[user@]host[:port][/workdir], adb://SERIAL[@HOST:PORT], or local.
struct DeviceUrl {
  enum class Kind { kLocal, kSsh, kAdb };
  Kind kind = Kind::kLocal;
  std::string user, host;  // ssh: host (or an alias of ~/.ssh/config); adb: the adb server's host
  int port = 0;            // ssh: 0 = ssh's own default; adb: the adb server's port, 0 = default
  std::string workdir;     // where work folders are made on the device; empty: the default
  std::string serial;      // adb

  // Refuses a password in the URL, an unknown scheme and malformed parts (InputError naming
  // the URL and what was expected).
  static DeviceUrl parse(const std::string& url);
  std::string str() const;        // the canonical URL, never with a secret in it
  std::string kind_name() const;  // local, ssh, adb
};

// The device went away or did not answer: connection refused or dropped, sshd killed, adb
// device offline, a command past its timeout. The message names the device.
class TransportError : public Error {
 public:
  using Error::Error;
};

struct CommandResult {
  int exit_status = -1;  // the remote command's own exit status (adb's shell protocol v2 too)
  std::string out, err;
};

// What a probe reads off a device. Unknown fields stay empty or 0.
struct DeviceProbe {
  std::string os;            // "Linux 6.1.0", "Android 14"
  std::string architecture;  // uname -m: x86_64, aarch64, armv7l
  std::string cpu;           // CPU model, or the SoC (ro.soc.model / ro.board.platform on Android)
  unsigned cores = 0;
  std::uint64_t memory_bytes = 0;
  std::string governor;                     // cpu0's scaling_governor
  std::map<std::string, double> thermal_c;  // thermal zone type -> °C
};

class Transport {
 public:
  virtual ~Transport() = default;
  const std::string& device_name() const { return device_name_; }
  const DeviceUrl& url() const { return url_; }

  // Runs a shell command on the device; TransportError when the device does not answer or the
  // timeout passes (the command is then killed), otherwise the command's own status and output.
  virtual CommandResult run(const std::string& command, std::chrono::milliseconds timeout) = 0;
  // Copies a file; the copy is checked by size and sha256 (TransportError when they differ).
  virtual void push(const std::filesystem::path& local, const std::string& remote) = 0;
  virtual void pull(const std::string& remote, const std::filesystem::path& local) = 0;
  // A fresh folder on the device, and its removal.
  virtual std::string make_work_folder(const std::string& label) = 0;
  virtual void remove_work_folder(const std::string& folder) = 0;
  // A local process whose stdin, stdout and stderr are those of `command` run on the device:
  // how a runner there speaks the runner protocol (ssh -T …, adb shell …, or the command itself).
  virtual ProcessSpec interactive(const std::string& command, const std::string& cwd) = 0;
  virtual DeviceProbe probe() = 0;

 protected:
  Transport(std::string device_name, DeviceUrl url)
      : device_name_(std::move(device_name)), url_(std::move(url)) {}

 private:
  std::string device_name_;
  DeviceUrl url_;
};

std::unique_ptr<Transport> open_transport(const std::string& device_name, const DeviceUrl& url);

}  // namespace onnxbench
