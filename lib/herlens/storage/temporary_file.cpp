#include "herlens/storage/temporary_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::storage {

namespace {

// O_TMPFILE where the file system has it, else a name unlinked at once.
int unnamed_file(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return fd;
  std::string name = (folder / ".herlens-XXXXXX").string();
  const int named = ::mkostemp(name.data(), O_CLOEXEC);
  if (named >= 0) ::unlink(name.c_str());
  return named;
}

}  // namespace

TemporaryFile::TemporaryFile(std::filesystem::path folder, std::string keeps)
    : folder_(folder.empty() ? std::filesystem::path(".") : std::move(folder)), keeps_(std::move(keeps)),
      fd_(unnamed_file(folder_)) {
  if (fd_ < 0) fail(errno);
}

TemporaryFile::~TemporaryFile() {
  if (fd_ >= 0) ::close(fd_);
}

TemporaryFile::TemporaryFile(TemporaryFile&& other) noexcept
    : folder_(std::move(other.folder_)), keeps_(std::move(other.keeps_)), fd_(std::exchange(other.fd_, -1)) {}

TemporaryFile& TemporaryFile::operator=(TemporaryFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    folder_ = std::move(other.folder_);
    keeps_ = std::move(other.keeps_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

std::filesystem::path TemporaryFile::system_folder() {
  const char* named = std::getenv("TMPDIR");
  return named != nullptr && *named != '\0' ? named : "/tmp";
}

void TemporaryFile::fail(int error) const {
  throw Error(ErrorKind::output, fmt::format("{}: cannot keep {} in a temporary file: {}", folder_.string(), keeps_,
                                             std::strerror(error)));
}

void TemporaryFile::write(int64_t offset, std::span<const std::byte> bytes) {
  while (!bytes.empty()) {
    const ssize_t done = ::pwrite(fd_, bytes.data(), bytes.size(), off_t(offset));
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) fail(done < 0 ? errno : ENOSPC);
    bytes = bytes.subspan(size_t(done));
    offset += done;
  }
}

void TemporaryFile::read(int64_t offset, std::span<std::byte> bytes) const {
  while (!bytes.empty()) {
    const ssize_t done = ::pread(fd_, bytes.data(), bytes.size(), off_t(offset));
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) fail(done < 0 ? errno : EIO);
    bytes = bytes.subspan(size_t(done));
    offset += done;
  }
}

}  // namespace herlens::storage
