#include "herlens/media/audio_recording.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/media/frames.hpp"

namespace herlens::media {

namespace {

[[noreturn]] void fail(const std::filesystem::path& dir, int error) {
  throw Error(ErrorKind::output,
              fmt::format("{}: cannot keep the audio to export: {}", dir.string(), std::strerror(error)));
}

// A file with no name in `dir`: O_TMPFILE where the file system has it, else a name unlinked at once.
int unnamed_file(const std::filesystem::path& dir) {
  const int fd = open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR)) return fd;
  std::string name = (dir / ".herlens-audio-XXXXXX").string();
  const int named = mkostemp(name.data(), O_CLOEXEC);
  if (named >= 0) unlink(name.c_str());
  return named;
}

}  // namespace

AudioRecording::AudioRecording(const std::filesystem::path& dir)
    : dir_(dir.empty() ? std::filesystem::path(".") : dir), fd_(unnamed_file(dir_)) {
  if (fd_ < 0) fail(dir_, errno);
}

AudioRecording::~AudioRecording() {
  if (fd_ >= 0) close(fd_);
}

AudioRecording::AudioRecording(AudioRecording&& other) noexcept
    : dir_(std::move(other.dir_)), fd_(other.fd_), written_(other.written_), runs_(std::move(other.runs_)) {
  other.fd_ = -1;
}

int64_t AudioRecording::to_sample(double seconds) { return std::llround(seconds * analysis_sample_rate); }

void AudioRecording::append(double time, std::span<const float> samples) {
  if (samples.empty()) return;
  const int64_t first = to_sample(time);
  if (!runs_.empty() && runs_.back().first_sample + runs_.back().count == first)
    runs_.back().count += int64_t(samples.size());
  else
    runs_.push_back({first, int64_t(samples.size()), written_});
  const auto* bytes = reinterpret_cast<const char*>(samples.data());
  for (size_t left = samples.size_bytes(); left > 0;) {
    const ssize_t done = pwrite(fd_, bytes, left, off_t(written_) * off_t(sizeof(float)) + off_t(samples.size_bytes() - left));
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) fail(dir_, done < 0 ? errno : ENOSPC);
    bytes += done;
    left -= size_t(done);
  }
  written_ += int64_t(samples.size());
}

void AudioRecording::read_samples(int64_t offset, int64_t count, std::vector<float>& out) const {
  out.resize(size_t(count));
  auto* bytes = reinterpret_cast<char*>(out.data());
  for (size_t left = out.size() * sizeof(float); left > 0;) {
    const off_t at = off_t(offset) * off_t(sizeof(float)) + off_t(out.size() * sizeof(float) - left);
    const ssize_t done = pread(fd_, bytes, left, at);
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) fail(dir_, done < 0 ? errno : EIO);
    bytes += done;
    left -= size_t(done);
  }
}

}  // namespace herlens::media
