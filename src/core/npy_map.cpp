#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "core/error.h"
#include "core/npy.h"

namespace onnxbench {
namespace {

constexpr std::size_t kAlignment = 64;

// Closes the descriptor on every way out of the constructor.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

MappedNpy::MappedNpy(const std::string& path) {
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) throw InputError(path + ": cannot read: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw InputError(path + ": cannot read: not a regular file");
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) throw InputError(path + ": not a valid .npy file: the file is empty");
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, file.fd, 0);
  if (map == MAP_FAILED) throw InputError(path + ": cannot map: " + std::strerror(errno));
  map_ = map;
  map_length_ = size;
  try {
    const auto* bytes = static_cast<const char*>(map);
    header_ =
        parse_npy_header(std::string(bytes, std::min<std::size_t>(size, 1 << 16)), size, path);
  } catch (...) {
    ::munmap(map_, map_length_);
    throw;
  }
  bytes_ = size - header_.data_offset;
  data_ = static_cast<const char*>(map) + header_.data_offset;
  if (header_.data_offset % kAlignment != 0) {
    copy_.assign(static_cast<const std::uint8_t*>(data_),
                 static_cast<const std::uint8_t*>(data_) + bytes_);
    ::munmap(map_, map_length_);
    map_ = nullptr;
    data_ = copy_.data();
  }
}

MappedNpy::MappedNpy(MappedNpy&& other) noexcept
    : header_(std::move(other.header_)),
      map_(std::exchange(other.map_, nullptr)),
      map_length_(other.map_length_),
      copy_(std::move(other.copy_)),
      data_(std::exchange(other.data_, nullptr)),
      bytes_(other.bytes_) {
  if (!map_) data_ = copy_.data();
}

MappedNpy::~MappedNpy() {
  if (map_) ::munmap(map_, map_length_);
}

}  // namespace onnxbench
