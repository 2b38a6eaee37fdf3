#include "herlens/storage/frame_records.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::storage {

namespace {

std::filesystem::path temporary_folder() {
  const char* named = std::getenv("TMPDIR");
  return named != nullptr && *named != '\0' ? named : "/tmp";
}

[[noreturn]] void fail(const std::string& what, int error) {
  throw Error(ErrorKind::output, fmt::format("cannot {} the temporary file of per-frame records in {}: {} "
                                             "(TMPDIR names the folder)",
                                             what, temporary_folder().string(), std::strerror(error)));
}

int open_unnamed(const std::filesystem::path& folder) {
  // O_TMPFILE: never has a name, so nothing is left behind whatever happens to the process.
  int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return fd;
  // File systems without O_TMPFILE: a named file, removed at once.
  std::string name = (folder / "herlens-records-XXXXXX").string();
  fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(name.c_str());
  return fd;
}

}  // namespace

SpillFile::SpillFile(SpillFile&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

SpillFile& SpillFile::operator=(SpillFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

SpillFile::~SpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

void SpillFile::write(int64_t offset, std::span<const std::byte> bytes) {
  if (fd_ < 0 && (fd_ = open_unnamed(temporary_folder())) < 0) fail("create", errno);
  while (!bytes.empty()) {
    const ssize_t written = ::pwrite(fd_, bytes.data(), bytes.size(), offset);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) fail("write", written < 0 ? errno : ENOSPC);
    bytes = bytes.subspan(size_t(written));
    offset += written;
  }
}

void SpillFile::read(int64_t offset, std::span<std::byte> bytes) const {
  while (!bytes.empty()) {
    const ssize_t got = ::pread(fd_, bytes.data(), bytes.size(), offset);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) fail("read", got < 0 ? errno : EIO);
    bytes = bytes.subspan(size_t(got));
    offset += got;
  }
}

}  // namespace herlens::storage
