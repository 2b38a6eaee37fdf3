#pragma once
// Outputs are written whole or not at all: to a temporary file beside the target, then renamed
// over it, so an interrupted run never leaves a half-written report.
#include <filesystem>
#include <string_view>

namespace herlens::report {

// A temporary file beside `target`, renamed over it by commit(); removed if never committed.
// Errors are Error(output) naming the target.
class AtomicFile {
 public:
  explicit AtomicFile(const std::filesystem::path& target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  int fd() const { return fd_; }  // for writers that want a descriptor (libsndfile)
  void write(std::string_view bytes);
  // Flushes to disk, closes and renames over the target.
  void commit();
  [[noreturn]] void fail(int error) const;

 private:
  std::filesystem::path target_, temporary_;
  int fd_ = -1;
  bool committed_ = false;
};

// Throws Error(output) naming the path when it cannot be written.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace herlens::report
