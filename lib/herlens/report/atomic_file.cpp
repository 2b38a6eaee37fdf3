#include "herlens/report/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::report {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, int error) {
  throw Error(ErrorKind::output,
              fmt::format("{}: cannot write: {}", path.string(), std::strerror(error)));
}

}  // namespace

AtomicFile::AtomicFile(const std::filesystem::path& target) : target_(target) {
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec)) fail(EISDIR);
  const std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  std::string pattern = (dir / fmt::format(".{}.tmpXXXXXX", target.filename().string())).string();
  fd_ = mkstemp(pattern.data());
  if (fd_ < 0) fail(errno);
  temporary_ = pattern;
  // Readable by others like any normally created file (mkstemp makes it 0600).
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd_, 0666 & ~mask);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) close(fd_);
  if (!committed_) unlink(temporary_.c_str());
}

void AtomicFile::fail(int error) const { report::fail(target_, error); }

void AtomicFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
}

void AtomicFile::commit() {
  const int synced = fsync(fd_);
  const int sync_error = errno;
  const int closed = close(fd_);
  fd_ = -1;
  if (synced != 0) fail(sync_error);
  if (closed != 0) fail(errno);
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) fail(errno);
  committed_ = true;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  AtomicFile file(path);
  file.write(bytes);
  file.commit();
}

}  // namespace herlens::report
