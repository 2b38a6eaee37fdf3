#include "herlens/report/speech_export.hpp"

#include <sndfile.h>

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/media/source.hpp"
#include "herlens/report/atomic_file.hpp"

namespace herlens::report {

namespace {

constexpr int rate = media::analysis_sample_rate;

int64_t to_sample(double seconds) { return std::llround(seconds * rate); }

// A 16-bit mono WAV written through libsndfile into an AtomicFile: whole or not at all.
class PendingWav {
 public:
  explicit PendingWav(const std::filesystem::path& target) : target_(target), file_(target) {
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    wav_ = sf_open_fd(file_.fd(), SFM_WRITE, &info, SF_FALSE);  // the AtomicFile owns the descriptor
    if (!wav_) fail(sf_strerror(nullptr));
    sf_command(wav_, SFC_SET_CLIPPING, nullptr, SF_TRUE);  // loud peaks clip instead of wrapping
  }
  ~PendingWav() {
    if (wav_) sf_close(wav_);
  }
  PendingWav(const PendingWav&) = delete;
  PendingWav& operator=(const PendingWav&) = delete;

  void write(std::span<const float> samples) {
    if (sf_write_float(wav_, samples.data(), static_cast<sf_count_t>(samples.size())) !=
        static_cast<sf_count_t>(samples.size()))
      fail(sf_strerror(wav_));
  }

  void commit() {
    const int closed = sf_close(wav_);  // writes the final header sizes
    wav_ = nullptr;
    if (closed != 0) fail(sf_error_number(closed));
    file_.commit();
  }

 private:
  [[noreturn]] void fail(const char* why) const {
    throw Error(ErrorKind::output, fmt::format("{}: cannot write: {}", target_.string(), why));
  }

  std::filesystem::path target_;
  AtomicFile file_;
  SNDFILE* wav_ = nullptr;
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
