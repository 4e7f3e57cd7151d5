#include "devices/transport.h"

#include "devices/adb_transport.h"
#include "devices/local_transport.h"
#include "devices/ssh_transport.h"

namespace onnxbench {

std::unique_ptr<Transport> open_transport(const std::string& device_name, const DeviceUrl& url) {
  return open_shell_transport(device_name, url);
}

std::unique_ptr<ShellTransport> open_shell_transport(const std::string& device_name,
                                                     const DeviceUrl& url) {
  switch (url.kind) {
    case DeviceUrl::Kind::kSsh:
      return std::make_unique<SshTransport>(device_name, url);
    case DeviceUrl::Kind::kAdb:
      return std::make_unique<AdbTransport>(device_name, url);
    case DeviceUrl::Kind::kLocal:
      break;
  }
  return std::make_unique<LocalTransport>(device_name, url);
}

}  // namespace onnxbench
