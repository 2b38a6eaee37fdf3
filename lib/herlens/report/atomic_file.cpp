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

// Closes the descriptor and removes the temporary file unless the rename happened.
class TempFile {
 public:
  explicit TempFile(const std::filesystem::path& target)
      : name_(target.parent_path() / ("." + target.filename().string() + ".tmpXXXXXX")) {
    std::string pattern = name_.string();
    fd_ = mkstemp(pattern.data());
    if (fd_ < 0) fail(target, errno);
    name_ = pattern;
  }
  ~TempFile() {
    if (fd_ >= 0) close(fd_);
    if (!committed_) unlink(name_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  void write_all(std::string_view bytes, const std::filesystem::path& target) {
    while (!bytes.empty()) {
      const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
      if (written < 0) {
        if (errno == EINTR) continue;
        fail(target, errno);
      }
      bytes.remove_prefix(static_cast<size_t>(written));
    }
    // Readable by others like any normally created file (mkstemp makes it 0600).
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd_, 0666 & ~mask);
    if (fsync(fd_) != 0 || close(fd_) != 0) {
      fd_ = -1;
      fail(target, errno);
    }
    fd_ = -1;
  }

  void rename_to(const std::filesystem::path& target) {
    if (std::rename(name_.c_str(), target.c_str()) != 0) fail(target, errno);
    committed_ = true;
  }

 private:
  std::filesystem::path name_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(path, EISDIR);
  TempFile temp(path.parent_path().empty() ? std::filesystem::path(".") / path : path);
  temp.write_all(bytes, path);
  temp.rename_to(path);
}

void ensure_output_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
    throw Error(ErrorKind::output, fmt::format("{}: exists and is not a folder", dir.string()));
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(ErrorKind::output, fmt::format("{}: cannot create: {}", dir.string(), ec.message()));
  if (access(dir.c_str(), W_OK) != 0) fail(dir, errno);
}

}  // namespace herlens::report
