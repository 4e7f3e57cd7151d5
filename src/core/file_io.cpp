#include "core/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.h"

namespace onnxbench {

std::string read_file(const std::string& path, std::uint64_t max_bytes) {
  // O_NONBLOCK: opening a pipe must not wait for a writer; the size comes from fstat, which pipes
  // and devices do not give, so only regular files are read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw InputError(path + ": cannot read: " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw InputError(path + ": cannot read: " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw InputError(path + ": cannot read: is a folder, expected a file");
  if (!S_ISREG(st.st_mode)) throw InputError(path + ": cannot read: not a regular file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > max_bytes)
    throw InputError(path + ": file is " + std::to_string(size) + " bytes, over the limit of " +
                     std::to_string(max_bytes));
  std::string bytes(size, '\0');
  for (std::size_t done = 0; done < size;) {
    const ssize_t n = ::read(fd, bytes.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw InputError(path + ": cannot read: " + std::strerror(errno));
    if (n == 0) throw InputError(path + ": cannot read: short read");
    done += static_cast<std::size_t>(n);
  }
  return bytes;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error(path + ": cannot write: " + std::strerror(errno));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw Error(path + ": cannot write: " + std::strerror(errno));
}

void overwrite_file(const std::string& path,
                    const std::vector<std::pair<const void*, std::size_t>>& parts) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) throw Error(path + ": cannot write: " + std::strerror(errno));
  std::uint64_t total = 0;
  for (const auto& part : parts) total += part.second;
  // A pipe or a device (a path such as /dev/stdout) is written from its current position.
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0;
  const bool regular = ok && S_ISREG(st.st_mode);
  if (ok && regular && static_cast<std::uint64_t>(st.st_size) != total)
    ok = ::ftruncate(fd, static_cast<off_t>(total)) == 0;
  off_t at = 0;
  for (const auto& [data, size] : parts) {
    const char* bytes = static_cast<const char*>(data);
    for (std::size_t done = 0; ok && done < size;) {
      const ssize_t n = regular ? ::pwrite(fd, bytes + done, size - done, at)
                                : ::write(fd, bytes + done, size - done);
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      if (!ok) break;
      done += static_cast<std::size_t>(n);
      at += n;
    }
  }
  const int error = errno;
  if (::close(fd) != 0 && ok) throw Error(path + ": cannot write: " + std::strerror(errno));
  if (!ok) throw Error(path + ": cannot write: " + std::strerror(error));
}

}  // namespace onnxbench
