#include "herlens/report/speech_export.hpp"

#include <sndfile.h>

#include <string>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/media/frames.hpp"
#include "herlens/report/atomic_file.hpp"

namespace herlens::report {

namespace {

constexpr int rate = media::analysis_sample_rate;

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

}  // namespace

void export_audio_intervals(const media::AudioRecording& audio, std::span<const metrics::TimeInterval> intervals,
                            const std::filesystem::path& wav) {
  PendingWav pending(wav);
  for (const metrics::TimeInterval& interval : intervals)
    audio.read(interval.start, interval.end, [&pending](std::span<const float> samples) { pending.write(samples); });
  pending.commit();
}

}  // namespace herlens::report
