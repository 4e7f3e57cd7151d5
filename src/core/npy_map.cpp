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
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED | MAP_POPULATE, file.fd, 0);
  if (map == MAP_FAILED) throw InputError(path + ": cannot map: " + std::strerror(errno));
  map_ = map;
  map_length_ = size;
  device_ = st.st_dev;
  inode_ = st.st_ino;
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

bool MappedNpy::maps(const struct stat& st) const {
  return map_ && st.st_dev == device_ && st.st_ino == inode_ &&
         static_cast<std::size_t>(st.st_size) == map_length_;
}

bool MappedNpy::refresh() {
  const auto* bytes = static_cast<const char*>(map_);
  try {
    const NpyHeader header =
        parse_npy_header(std::string(bytes, header_.data_offset), map_length_, "");
    if (header.data_offset != header_.data_offset) return false;
    header_ = header;
    return true;
  } catch (const InputError&) {
    return false;
  }
}

MappedNpy::MappedNpy(MappedNpy&& other) noexcept
    : header_(std::move(other.header_)),
      device_(other.device_),
      inode_(other.inode_),
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
