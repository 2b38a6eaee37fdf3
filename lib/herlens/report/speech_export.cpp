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

}  // namespace

SpeechWav::SpeechWav(const std::filesystem::path& target) : target_(target), file_(target) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  wav_ = sf_open_fd(file_.fd(), SFM_WRITE, &info, SF_FALSE);  // the AtomicFile owns the descriptor
  if (!wav_) fail(sf_strerror(nullptr));
  sf_command(wav_, SFC_SET_CLIPPING, nullptr, SF_TRUE);  // loud peaks clip instead of wrapping
}

SpeechWav::~SpeechWav() {
  if (wav_) sf_close(wav_);
}

void SpeechWav::write(const media::AudioRecording& audio, std::span<const metrics::TimeInterval> intervals) {
  for (const metrics::TimeInterval& interval : intervals)
    audio.read(interval.start, interval.end, [this](std::span<const float> samples) {
      if (sf_write_float(wav_, samples.data(), static_cast<sf_count_t>(samples.size())) !=
          static_cast<sf_count_t>(samples.size()))
        fail(sf_strerror(wav_));
    });
  const int closed = sf_close(wav_);  // writes the final header sizes
  wav_ = nullptr;
  if (closed != 0) fail(sf_error_number(closed));
  file_.commit();
}

void SpeechWav::fail(const char* why) const {
  throw Error(ErrorKind::output, fmt::format("{}: cannot write: {}", target_.string(), why));
}

}  // namespace herlens::report
