#include "herlens/report/speech_export.hpp"

#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/media/source.hpp"

namespace herlens::report {

namespace {

constexpr int rate = media::analysis_sample_rate;

int64_t to_sample(double seconds) { return std::llround(seconds * rate); }

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why) {
  throw Error(ErrorKind::output, fmt::format("{}: cannot write: {}", path.string(), why));
}

// A WAV being written under a temporary name beside its target (the convention of
// atomic_file.hpp); removed unless commit() renamed it into place.
class PendingWav {
 public:
  explicit PendingWav(const std::filesystem::path& target) : target_(target) {
    std::error_code ec;
    if (std::filesystem::is_directory(target, ec)) fail(target, std::strerror(EISDIR));
    const std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
    std::string pattern = (dir / ("." + target.filename().string() + ".tmpXXXXXX")).string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) fail(target, std::strerror(errno));
    name_ = pattern;
    // mkstemp makes the file 0600; make it readable like any normally created file.
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    file_ = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
    if (!file_) {
      close(fd);
      unlink(name_.c_str());
      fail(target, sf_strerror(nullptr));
    }
    sf_command(file_, SFC_SET_CLIPPING, nullptr, SF_TRUE);  // loud peaks clip instead of wrapping
  }
  ~PendingWav() {
    if (file_) sf_close(file_);
    if (!committed_) unlink(name_.c_str());
  }
  PendingWav(const PendingWav&) = delete;
  PendingWav& operator=(const PendingWav&) = delete;

  void write(std::span<const float> samples) {
    if (sf_write_float(file_, samples.data(), static_cast<sf_count_t>(samples.size())) !=
        static_cast<sf_count_t>(samples.size()))
      fail(target_, sf_strerror(file_));
  }

  void commit() {
    sf_write_sync(file_);
    const int closed = sf_close(file_);
    file_ = nullptr;
    if (closed != 0) fail(target_, sf_error_number(closed));
    if (std::rename(name_.c_str(), target_.c_str()) != 0) fail(target_, std::strerror(errno));
    committed_ = true;
  }

 private:
  std::filesystem::path target_, name_;
  SNDFILE* file_ = nullptr;
  bool committed_ = false;
};

// Copies the samples of each block that fall inside the intervals.
class IntervalWriter final : public media::FrameSink {
 public:
  IntervalWriter(std::span<const metrics::TimeInterval> intervals, PendingWav& wav)
      : intervals_(intervals), wav_(wav) {}

  int detail_width(int64_t, double) override { return 0; }
  void on_video(const media::VideoFrame&) override {}
  void on_audio(const media::AudioBlock& block) override {
    // In samples, as the speech detector counts them from the block times.
    const int64_t first = to_sample(block.time);
    const int64_t last = first + static_cast<int64_t>(block.samples.size());
    for (; next_ < intervals_.size(); ++next_) {
      const int64_t from = std::max(first, to_sample(intervals_[next_].start));
      const int64_t to = std::min(last, to_sample(intervals_[next_].end));
      if (to > from) wav_.write(block.samples.subspan(from - first, to - from));
      if (to_sample(intervals_[next_].end) > last) break;  // continues in the next block
    }
  }

 private:
  std::span<const metrics::TimeInterval> intervals_;
  PendingWav& wav_;
  size_t next_ = 0;  // first interval not yet fully written
};

}  // namespace

void export_audio_intervals(const std::filesystem::path& input, std::span<const metrics::TimeInterval> intervals,
                            const std::filesystem::path& wav, int threads) {
  media::SourceOptions options;
  options.video = false;
  options.threads = threads;
  const auto source = media::open_source(input, options);
  PendingWav pending(wav);
  IntervalWriter writer(intervals, pending);
  source->run(writer);
  pending.commit();
}

}  // namespace herlens::report
