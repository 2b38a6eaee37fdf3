#pragma once
// An unnamed temporary file that blocks of bytes are written to and read back from by offset: what
// a pass keeps beyond memory (the analysis audio, per-frame records). It has no name, so it
// disappears with the object, or with the process however it ends.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace herlens::storage {

class TemporaryFile {
 public:
  // The file goes into `folder`; `keeps` says what it holds, for messages ("the audio to
  // export"). Throws Error(output) naming both when it cannot be made.
  TemporaryFile(std::filesystem::path folder, std::string keeps);
  ~TemporaryFile();
  TemporaryFile(TemporaryFile&& other) noexcept;
  TemporaryFile& operator=(TemporaryFile&& other) noexcept;
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  // Both throw Error(output) when the disk is full or the file cannot be read back.
  void write(int64_t offset, std::span<const std::byte> bytes);
  void read(int64_t offset, std::span<std::byte> bytes) const;

  // TMPDIR, or /tmp.
  static std::filesystem::path system_folder();

 private:
  [[noreturn]] void fail(int error) const;

  std::filesystem::path folder_;
  std::string keeps_;
  int fd_ = -1;
};

}  // namespace herlens::storage
